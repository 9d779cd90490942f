package dev.edgeinfer.update;

import static dev.edgeinfer.update.UpdateDaemonFixture.JSON;
import static dev.edgeinfer.update.UpdateDaemonFixture.WAIT;
import static dev.edgeinfer.update.UpdateDaemonFixture.assertServing;
import static dev.edgeinfer.update.UpdateDaemonFixture.awaitFinal;
import static dev.edgeinfer.update.UpdateDaemonFixture.awaitVersion;
import static dev.edgeinfer.update.UpdateDaemonFixture.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgeinfer.system.Daemon;
import dev.edgeinfer.testing.BundleHttpServer;
import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import dev.edgeinfer.testing.UpdateBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed bundles sent to a running daemon (in-process, real Mosquitto) become active between two
 * windows: the results after the swap carry the new version and their seq continues without a
 * gap; by chunks (through {@code model publish}), by an HTTP URL whose server drops the
 * connection mid-body (the download resumes with Range), by a file URL; {@code model/rollback}
 * returns to the version before (also through {@code edgeinfer model rollback --broker --device}).
 */
class ModelUpdateDaemonTest {
  private static final String DEVICE = "upd-01";

  @TempDir Path tmp;

  @Test
  void updates_byChunksHttpAndFile_becomeActive_thenRollbackReturnsToThePreviousVersion() throws Exception {
    UpdateBundles.Keys key = UpdateBundles.keys(tmp, "fleet");
    Path v2 = UpdateBundles.demo(tmp.resolve("v2.zip"), "2", key);
    Path v3 = UpdateBundles.demo(tmp.resolve("v3.zip"), "3", key);
    Path v4 = UpdateBundles.demo(tmp.resolve("v4.zip"), "4", key);
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber results = TestSubscriber.connect(broker.url(), UpdateDaemonFixture.results(DEVICE));
        TestSubscriber events = TestSubscriber.connect(broker.url(), UpdateDaemonFixture.events(DEVICE));
        TestSubscriber replies = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/cmd/model/rollback/reply")) {
      Daemon daemon = UpdateDaemonFixture.start(UpdateDaemonFixture.config(tmp.resolve("d"), DEVICE, broker.url(),
          key.publicFile(), true));
      try {
        awaitVersion(results, "1");
        results.clear();

        // Chunks, through the operator's command, which waits for the device's progress.
        CliRun run = CliRun.of("model", "publish", "--broker", broker.url(), "--device", DEVICE, "--chunk-size", "3000",
            "--wait", "60", "--request-id", "c2", v2.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains(DEVICE + ": committed (vibration 2)"), run.out());
        List<String> states = new ArrayList<>();
        JsonNode e;
        do {
          e = parse(events.awaitTopic(UpdateDaemonFixture.events(DEVICE), WAIT).payload());
          states.add(e.path("state").asText());
        } while (!e.path("state").asText().equals("committed"));
        assertEquals(List.of("received", "verifying", "testing", "active", "trial", "committed"), states);
        assertSwapWithoutGap(results, "1", "2");

        // HTTP, the connection dropped twice mid-body: resumed from the bytes on disk.
        byte[] b3 = Files.readAllBytes(v3);
        try (BundleHttpServer server = BundleHttpServer.dropping(b3, 1500, 2)) {
          events.publish("edgeinfer/" + DEVICE + "/cmd/model/update", JSON.writeValueAsBytes(JSON.createObjectNode()
              .put("requestId", "h3").put("url", server.url()).put("sha256", UpdateBundles.sha256(b3))
              .put("size", b3.length)));
          JsonNode done = awaitFinal(events, "h3");
          assertEquals("committed", done.path("state").asText(), done.toString());
          assertEquals(List.of("", "bytes=1500-", "bytes=3000-"), server.ranges());
        }
        awaitVersion(results, "3");
        assertServing(results, "3", 10);

        // file://
        events.publish("edgeinfer/" + DEVICE + "/cmd/model/update", JSON.writeValueAsBytes(JSON.createObjectNode()
            .put("requestId", "f4").put("url", v4.toUri().toString())));
        assertEquals("committed", awaitFinal(events, "f4").path("state").asText());
        awaitVersion(results, "4");

        // Rollback: back to 3, announced, and the results say so.
        events.publish("edgeinfer/" + DEVICE + "/cmd/model/rollback", "{\"requestId\":\"rb\",\"model\":\"vibration\"}");
        JsonNode reply = parse(replies.awaitTopic("edgeinfer/" + DEVICE + "/cmd/model/rollback/reply", WAIT).payload());
        assertEquals("{\"ok\":true,\"model\":\"vibration\",\"from\":\"4\",\"to\":\"3\",\"requestId\":\"rb\"}",
            reply.toString());
        JsonNode rolled = awaitFinal(events, "rb");
        assertEquals("rolled_back", rolled.path("state").asText());
        assertEquals("rollback_command", rolled.path("reason").asText());
        awaitVersion(results, "3");
        assertServing(results, "3", 10);

        // The operator's remote form: back once more, to 2.
        CliRun back = CliRun.of("model", "rollback", "--broker", broker.url(), "--device", DEVICE, "vibration");
        assertEquals(0, back.exitCode(), back.out() + back.err());
        assertEquals(DEVICE + ": vibration rolled back from 3 to 2\n", back.out());
        awaitVersion(results, "2");
        assertServing(results, "2", 10);

        // Nothing stored came before 2: back to the config's own files (version 1), and no further.
        CliRun toConfig = CliRun.of("model", "rollback", "--broker", broker.url(), "--device", DEVICE, "vibration");
        assertEquals(0, toConfig.exitCode(), toConfig.out() + toConfig.err());
        assertEquals(DEVICE + ": vibration rolled back from 2 to 1\n", toConfig.out());
        awaitVersion(results, "1");
        assertServing(results, "1", 10);
        CliRun none = CliRun.of("model", "rollback", "--broker", broker.url(), "--device", DEVICE, "vibration");
        assertTrue(none.exitCode() != 0, none.out());
        assertTrue((none.out() + none.err()).contains("no_previous"), none.out() + none.err());
      } finally {
        daemon.stop();
      }
    }
  }

  /** Results go from {@code from} to {@code to} once, every seq one more than the last. */
  static void assertSwapWithoutGap(TestSubscriber results, String from, String to) {
    long last = -1;
    boolean swapped = false;
    int after = 0;
    while (after < 10) {
      JsonNode r = parse(results.await(WAIT).payload());
      String version = r.path("model").path("version").asText();
      long seq = r.path("seq").asLong();
      if (last >= 0) {
        assertEquals(last + 1, seq, "seq after " + last + " (version " + version + ")");
      }
      last = seq;
      if (version.equals(to)) {
        swapped = true;
        after++;
      } else {
        assertEquals(from, version, "before the swap");
        assertTrue(!swapped, "version " + from + " after " + to);
      }
    }
  }
}
