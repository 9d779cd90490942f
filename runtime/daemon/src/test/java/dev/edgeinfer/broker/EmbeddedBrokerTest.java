package dev.edgeinfer.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.MqttConfig;
import dev.edgeinfer.publish.CommandRouter;
import dev.edgeinfer.publish.PahoMqtt5Publisher;
import dev.edgeinfer.publish.PingCommand;
import dev.edgeinfer.publish.Topics;
import dev.edgeinfer.publish.WillChild;
import dev.edgeinfer.testing.TestSubscriber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The embedded Artemis broker with our own publisher and plain Paho v5 clients. */
class EmbeddedBrokerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void publisherRetainedWillAndCommands_workAndNoFilesWritten() throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    Set<String> before = list(cwd);
    EmbeddedBroker broker = new EmbeddedBroker();
    long t0 = System.nanoTime();
    String url = broker.start(0);
    long startMs = (System.nanoTime() - t0) / 1_000_000;
    try {
      assertTrue(url.matches("tcp://127\\.0\\.0\\.1:\\d+"), url);
      Topics topics = new Topics("edgeinfer", "emb-dev", List.of());
      MqttConfig config = new MqttConfig("embedded", 0, "emb-" + UUID.randomUUID(), "edgeinfer", 1, Optional.empty(), Optional.empty(), 60, 10);
      try (PahoMqtt5Publisher pub = new PahoMqtt5Publisher(config, topics, url);
          CommandRouter router = new CommandRouter(pub, topics, Map.of("ping", new PingCommand(Clock.systemUTC())))) {
        pub.start(10_000);
        router.start();
        // Retained: a subscriber that connects after the fact still gets online.
        try (TestSubscriber sub = TestSubscriber.connect(url, topics.availability(), "replies/#")) {
          TestSubscriber.Received m = sub.awaitTopic(topics.availability(), WAIT);
          assertEquals("online", m.text());
          assertTrue(m.retained());
          // Request/response with correlation data through Artemis.
          byte[] corr = {42, 7};
          sub.publish(topics.command("ping"), "{}".getBytes(StandardCharsets.UTF_8), "replies/x", corr);
          TestSubscriber.Received reply = sub.awaitTopic("replies/x", WAIT);
          assertArrayEquals(corr, reply.correlationData());
          assertTrue(reply.text().startsWith("{\"ok\":true,\"time\":"), reply.text());
        }
      }
      lastWill_firesWhenClientProcessDies(url);
    } finally {
      long t1 = System.nanoTime();
      broker.stop();
      long stopMs = (System.nanoTime() - t1) / 1_000_000;
      System.out.println("embedded broker start " + startMs + " ms, stop " + stopMs + " ms");
    }
    assertFalse(Files.exists(cwd.resolve("data")), "Artemis wrote ./data");
    assertEquals(before, list(cwd), "files appeared in the working directory");
  }

  @Test
  void start_portInUse_failsWithAMessageNamingTheFix() throws Exception {
    try (EmbeddedBroker first = new EmbeddedBroker(); EmbeddedBroker second = new EmbeddedBroker()) {
      String url = first.start(0);
      int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
      BrokerException e = org.junit.jupiter.api.Assertions.assertThrows(BrokerException.class, () -> second.start(port));
      assertTrue(e.getMessage().contains("mqtt.embeddedPort"), e.getMessage());
    }
  }

  private static void lastWill_firesWhenClientProcessDies(String url) throws Exception {
    try (TestSubscriber sub = TestSubscriber.connect(url, "edgeinfer/emb-will/availability")) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          WillChild.class.getName(), url, "emb-will", "emb-will-" + UUID.randomUUID(), "embedded")
          .redirectErrorStream(true).start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
          line = out.readLine(); // bounded: the child exits within its 10 s connect timeout if it cannot connect
        } while (line != null && !line.equals("CONNECTED"));
        assertEquals("CONNECTED", line, "child publisher did not connect");
        sub.awaitText("edgeinfer/emb-will/availability", "online", WAIT);
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals("offline", sub.awaitTopic("edgeinfer/emb-will/availability", WAIT).text());
      } finally {
        child.destroyForcibly();
      }
    }
  }

  private static Set<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
