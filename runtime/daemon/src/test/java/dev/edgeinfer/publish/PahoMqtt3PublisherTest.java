package dev.edgeinfer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.MqttConfig;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The MQTT 3.1.1 client behind the same Publisher, and broker failover lists for both clients. */
class PahoMqtt3PublisherTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static MqttConfig v3(String... urls) {
    return TestConfigs.mqtt(urls[0]).withBrokers(List.of(urls)).withProtocol(MqttConfig.Protocol.MQTT_3_1_1);
  }

  @Test
  void v311_onlineRetained_acknowledgedSendsBeyondTheWindow_repliesOnReplyTopic_afterRestartToo() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      Topics topics = new Topics("edgeinfer", "v3-dev", List.of());
      try (Publisher pub = Publishers.open(v3(broker.url()), topics, broker.url());
          CommandRouter router = new CommandRouter(pub, topics, Map.of("ping", new PingCommand(Clock.systemUTC())))) {
        assertTrue(pub instanceof PahoMqtt3Publisher);
        pub.start(10_000);
        router.start();
        try (TestSubscriber sub = TestSubscriber.connect(broker.url(), topics.availability(), topics.inference("p"),
            topics.commandReply("ping"), "replies/#")) {
          assertEquals("online", sub.awaitTopic(topics.availability(), WAIT).text());
          List<CompletableFuture<Void>> acks = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            acks.add(pub.send(topics.inference("p"), ("{\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false));
          }
          for (CompletableFuture<Void> a : acks) {
            a.get(10, TimeUnit.SECONDS);
          }
          Set<String> got = new HashSet<>();
          for (int i = 0; i < 200; i++) {
            got.add(sub.awaitTopic(topics.inference("p"), WAIT).text());
          }
          assertEquals(200, got.size());
          // 3.1.1 carries no response topic: the reply goes to .../reply.
          sub.publish(topics.command("ping"), "{\"requestId\":\"v3\"}".getBytes(StandardCharsets.UTF_8), "replies/me",
              new byte[] {1});
          String reply = sub.awaitTopic(topics.commandReply("ping"), WAIT).text();
          assertTrue(reply.contains("\"requestId\":\"v3\""), reply);
        }

        broker.restart();
        try (TestSubscriber sub = TestSubscriber.connect(broker.url(), topics.availability(), topics.commandReply("ping"))) {
          sub.awaitText(topics.availability(), "online", WAIT);
          sub.publish(topics.command("ping"), "{\"requestId\":\"after-restart\"}");
          String reply = sub.awaitTopic(topics.commandReply("ping"), WAIT).text();
          assertTrue(reply.contains("\"requestId\":\"after-restart\""), reply);
        }
      }
    }
  }

  @Test
  void failoverList_connectsToTheFirstBrokerThatAnswers_bothProtocols() throws Exception {
    String dead = "tcp://127.0.0.1:" + MosquittoBroker.freePort();
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      for (MqttConfig.Protocol protocol : MqttConfig.Protocol.values()) {
        Topics topics = new Topics("edgeinfer", "fo-" + protocol.ordinal(), List.of());
        MqttConfig config = TestConfigs.mqtt(dead).withBrokers(List.of(dead, broker.url())).withProtocol(protocol);
        try (TestSubscriber sub = TestSubscriber.connect(broker.url(), topics.availability());
            Publisher pub = Publishers.open(config, topics, dead)) {
          pub.start(10_000);
          assertEquals("online", sub.awaitTopic(topics.availability(), WAIT).text(), protocol.toString());
        }
      }
    }
  }
}
