package dev.edgeinfer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PahoMqtt5PublisherTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static MosquittoBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = MosquittoBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void publish_qos1FromManyThreads_allArriveBeyondBrokerReceiveMaximum() throws Exception {
    Topics topics = new Topics("edgeinfer", "pub-dev", List.of());
    // 400 messages from 4 threads: far beyond Mosquitto's Receive Maximum of 20, so without the
    // in-flight window Paho would throw "too many publishes in progress".
    try (TestSubscriber sub = TestSubscriber.connect(broker.url(), topics.inference("vib"));
        PahoMqtt5Publisher pub = new PahoMqtt5Publisher(TestConfigs.mqtt(broker.url()), topics)) {
      pub.start(10_000);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> sent = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int thread = t;
          sent.add(pool.submit(() -> {
            for (int i = 0; i < 100; i++) {
              pub.publish(topics.inference("vib"), ("{\"seq\":" + (thread * 100 + i) + "}").getBytes(StandardCharsets.UTF_8), 1, false);
            }
            return null;
          }));
        }
        for (Future<?> f : sent) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      Set<String> got = new HashSet<>();
      for (int i = 0; i < 400; i++) {
        TestSubscriber.Received m = sub.awaitTopic(topics.inference("vib"), WAIT);
        assertEquals(1, m.qos());
        got.add(m.text());
      }
      assertEquals(400, got.size());
    }
  }

  @Test
  void availability_onlineWhileRunning_stoppedAfterClose_bothRetained() throws Exception {
    Topics topics = new Topics("edgeinfer", "avail-dev", List.of());
    PahoMqtt5Publisher pub = new PahoMqtt5Publisher(TestConfigs.mqtt(broker.url()), topics);
    pub.start(10_000);
    assertTrue(pub.isConnected());
    try (TestSubscriber late = TestSubscriber.connect(broker.url(), topics.availability())) {
      TestSubscriber.Received m = late.awaitTopic(topics.availability(), WAIT);
      assertEquals("online", m.text());
      assertTrue(m.retained());
    }
    pub.close();
    assertFalse(pub.isConnected());
    try (TestSubscriber late = TestSubscriber.connect(broker.url(), topics.availability())) {
      TestSubscriber.Received m = late.awaitTopic(topics.availability(), WAIT);
      assertEquals("stopped", m.text(), "a clean close must not fire the Last Will");
      assertTrue(m.retained());
      late.assertNothingWithin(Duration.ofMillis(500));
    }
    assertThrows(PublishException.class, () -> pub.publish(topics.status(), new byte[] {1}, 1, false));
  }

  @Test
  void start_noBroker_failsWithinTimeoutNamingTheBroker() throws Exception {
    String url = "tcp://127.0.0.1:" + MosquittoBroker.freePort();
    Topics topics = new Topics("edgeinfer", "nobroker-dev", List.of());
    try (PahoMqtt5Publisher pub = new PahoMqtt5Publisher(TestConfigs.mqtt(url), topics, url, 50, 200)) {
      long t0 = System.nanoTime();
      PublishException e = assertThrows(PublishException.class, () -> pub.start(1_000));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(e.getMessage().contains(url), e.getMessage());
      assertTrue(ms >= 900 && ms < 5_000, "gave up after " + ms + " ms");
    }
  }

  @Test
  void brokerRestart_reconnectsRepublishesOnlineAndCommandsWorkAgain() throws Exception {
    try (MosquittoBroker own = MosquittoBroker.start()) {
      Topics topics = new Topics("edgeinfer", "re-dev", List.of());
      try (PahoMqtt5Publisher pub = new PahoMqtt5Publisher(TestConfigs.mqtt(own.url()), topics, own.url(), 100, 500);
          CommandRouter router = new CommandRouter(pub, topics, Map.of("ping", new PingCommand(Clock.systemUTC())))) {
        pub.start(10_000);
        router.start();

        own.restart(); // no persistence: sessions, subscriptions and retained messages are gone

        try (TestSubscriber sub = TestSubscriber.connect(own.url(), topics.availability(), topics.commandReply("ping"))) {
          // The retained online can only come from the publisher's reconnect.
          sub.awaitText(topics.availability(), "online", WAIT);
          assertTrue(pub.isConnected());
          sub.publish(topics.command("ping"), "{\"requestId\":\"after-restart\"}");
          TestSubscriber.Received reply = sub.awaitTopic(topics.commandReply("ping"), WAIT);
          assertTrue(reply.text().contains("\"ok\":true"), reply.text());
          assertTrue(reply.text().contains("\"requestId\":\"after-restart\""), reply.text());
        }
      }
    }
  }
}
