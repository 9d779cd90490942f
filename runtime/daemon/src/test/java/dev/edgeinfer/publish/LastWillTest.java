package dev.edgeinfer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Last Will: a publisher whose process dies (SIGKILL, so no DISCONNECT is sent and the
 * kernel closes its socket) leaves {@code offline} retained on its availability topic.
 */
class LastWillTest {

  @Test
  void killedProcess_leavesRetainedOffline() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/will-dev/availability")) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          WillChild.class.getName(), broker.url(), "will-dev", "will-" + UUID.randomUUID())
          .redirectErrorStream(true)
          .start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> readUntil(out, "CONNECTED")).get(30, TimeUnit.SECONDS);
        assertEquals("CONNECTED", ready);
        sub.awaitText("edgeinfer/will-dev/availability", "online", Duration.ofSeconds(5));

        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));

        TestSubscriber.Received will = sub.awaitTopic("edgeinfer/will-dev/availability", Duration.ofSeconds(10));
        assertEquals("offline", will.text());
      } finally {
        child.destroyForcibly();
      }
      // Retained: a subscriber that comes later still sees offline.
      try (TestSubscriber late = TestSubscriber.connect(broker.url(), "edgeinfer/will-dev/availability")) {
        TestSubscriber.Received m = late.awaitTopic("edgeinfer/will-dev/availability", Duration.ofSeconds(5));
        assertEquals("offline", m.text());
        assertTrue(m.retained());
      }
    }
  }

  private static String readUntil(BufferedReader out, String wanted) {
    StringBuilder seen = new StringBuilder();
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals(wanted)) {
          return line;
        }
        seen.append(line).append('\n');
      }
    } catch (java.io.IOException e) {
      seen.append(e);
    }
    return "child ended without " + wanted + ":\n" + seen;
  }
}
