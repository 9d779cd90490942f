package dev.edgeinfer.update;

import static dev.edgeinfer.update.UpdateDaemonFixture.awaitVersion;
import static dev.edgeinfer.update.UpdateDaemonFixture.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgeinfer.system.Daemon;
import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import dev.edgeinfer.testing.UpdateBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group update reaches two daemons (in-process, real Mosquitto), one of them started only
 * after the update was published: the chunks are retained, one topic each. A restart does not
 * apply the retained update again, and {@code model publish --clear} removes it from the broker.
 */
class ModelUpdateFleetTest {
  @TempDir Path tmp;

  private static JsonNode awaitCommitted(TestSubscriber events, String device, String requestId) {
    var m = events.awaitMatching(r -> {
      JsonNode e = parse(r.payload());
      return r.topic().equals(UpdateDaemonFixture.events(device)) && requestId.equals(e.path("requestId").asText())
          && e.path("state").asText().matches("committed|rejected|rolled_back");
    }, UpdateDaemonFixture.WAIT, "the end of " + requestId + " on " + device);
    return parse(m.payload());
  }

  @Test
  void groupUpdate_reachesADeviceStartedAfterIt_andIsNotAppliedTwice() throws Exception {
    UpdateBundles.Keys key = UpdateBundles.keys(tmp, "fleet");
    Path v2 = UpdateBundles.demo(tmp.resolve("v2.zip"), "2", key);
    int chunks = (int) ((Files.size(v2) + 2999) / 3000);
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber events = TestSubscriber.connect(broker.url(), "edgeinfer/+/event/model");
        TestSubscriber resultsB = TestSubscriber.connect(broker.url(), UpdateDaemonFixture.results("g-b"))) {
      Path configA = UpdateDaemonFixture.config(tmp.resolve("a"), "g-a", broker.url(), key.publicFile(), true);
      Path configB = UpdateDaemonFixture.config(tmp.resolve("b"), "g-b", broker.url(), key.publicFile(), true);
      Daemon a = UpdateDaemonFixture.start(configA);
      Daemon b = null;
      try {
        CliRun sent = CliRun.of("model", "publish", "--broker", broker.url(), "--group", "lab", "--chunk-size", "3000",
            "--request-id", "g2", v2.toString());
        assertEquals(0, sent.exitCode(), sent.out() + sent.err());
        assertTrue(sent.out().contains("sent " + chunks + " chunk(s) to group lab (retained)"), sent.out());
        assertEquals("committed", awaitCommitted(events, "g-a", "g2").path("state").asText());

        b = UpdateDaemonFixture.start(configB); // offline when the update was sent
        assertEquals("committed", awaitCommitted(events, "g-b", "g2").path("state").asText());
        awaitVersion(resultsB, "2");

        // A restart: the retained chunks arrive again, the device knows it finished g2.
        b.stop();
        events.clear();
        b = UpdateDaemonFixture.start(configB);
        resultsB.clear();
        awaitVersion(resultsB, "2"); // the store's active version, at start
        events.assertNothingWithin(Duration.ofSeconds(2));

        CliRun cleared = CliRun.of("model", "publish", "--broker", broker.url(), "--group", "lab", "--clear");
        assertEquals(0, cleared.exitCode(), cleared.out() + cleared.err());
        assertEquals("group lab: cleared " + chunks + " retained update message(s)\n", cleared.out());
        CliRun again = CliRun.of("model", "publish", "--broker", broker.url(), "--group", "lab", "--clear");
        assertEquals("group lab: cleared 0 retained update message(s)\n", again.out());
      } finally {
        a.stop();
        if (b != null) {
          b.stop();
        }
      }
    }
  }
}
