package dev.edgeinfer.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.model.BundleManifest;
import dev.edgeinfer.model.ModelStore;
import dev.edgeinfer.model.StoredVersion;
import dev.edgeinfer.testing.DaemonProcess;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import dev.edgeinfer.testing.UpdateBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon, a real process, SIGKILLed 100 times at seeded random moments during a
 * model update (a file:// bundle, alternating between two versions). The runs are chained: the
 * restart after kill i is the start of run i+1. After every restart the model runs a complete
 * version, old or new: the store has no update pending, the active version's files match their
 * manifest's hashes, and the first new result carries that version.
 */
class ModelUpdateKillIT {
  private static final String DEVICE = "it-update-kill";
  private static final long SEED = 6_2026L;
  private static final int KILLS = 100;
  /** Kill delays are drawn from [0, this) ms after the command; an update takes 100 to 400 ms here. */
  private static final int MAX_DELAY_MILLIS = 450;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.regex.Pattern DIED = java.util.regex.Pattern.compile("process died during (\\w+)");

  @TempDir Path tmp;
  private String brokerUrl;

  @Test
  void daemonKilled100TimesDuringUpdates_alwaysRestartsOnACompleteVersion() throws Exception {
    long began = System.nanoTime();
    UpdateBundles.Keys key = UpdateBundles.keys(tmp, "fleet");
    Map<String, Path> bundles = Map.of("a", UpdateBundles.demo(tmp.resolve("a.zip"), "a", key),
        "b", UpdateBundles.demo(tmp.resolve("b.zip"), "b", key));
    Path state = tmp.resolve("daemon/state");
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber results = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/inference/vibration");
        TestSubscriber modelEvents = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/event/model")) {
      brokerUrl = broker.url();
      // Short trials: most kills should land inside an update, testing and trial included.
      Path config = UpdateDaemonFixture.config(tmp.resolve("daemon"), DEVICE, broker.url(), key.publicFile(), true, 3, 5);
      List<String> jvm = warmUp(results, config, bundles.get("a"));
      String sent = null; // the version the last killed run was updating to
      String before = "a";
      for (int run = 0; run <= KILLS; run++) {
        long startedMillis = System.currentTimeMillis();
        try (DaemonProcess daemon = DaemonProcess.start(tmp.resolve("run" + run + ".log"), jvm, "run", "--config",
            config.toString())) {
          JsonNode first = firstResultAfter(results, startedMillis, daemon);
          String running = checkStore(state, run, daemon);
          assertEquals(running, first.path("model").path("version").asText(), "run " + run + ": " + first);
          if (sent != null) {
            java.util.regex.Matcher died = DIED.matcher(daemon.log());
            String outcome = running.equals(sent) ? "new" : running.equals(before)
                ? "old" + (died.find() ? " (died during " + died.group(1) + ")" : "") : "other: " + running;
            outcomes.merge(outcome, 1, Integer::sum);
            assertTrue(!outcome.startsWith("other"), "run " + run + ": running " + running + ", expected " + before
                + " or " + sent);
          }
          if (run == KILLS) {
            daemon.terminate();
            assertEquals(0, daemon.waitFor(10), daemon.log());
            // Every update the process died in was announced rolled_back at the next start, once.
            Thread.sleep(500);
            long announced = modelEvents.drain().stream().map(r -> parse(r.payload()))
                .filter(e -> e.path("state").asText().equals("rolled_back")
                    && e.path("reason").asText().equals("process_died")).count();
            long diedInUpdate = outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("old (died"))
                .mapToLong(Map.Entry::getValue).sum();
            assertEquals(diedInUpdate, announced, "rolled_back events for " + outcomes);
            break;
          }
          before = running;
          sent = running.equals("a") ? "b" : "a";
          results.publish("edgeinfer/" + DEVICE + "/cmd/model/update", JSON.writeValueAsBytes(JSON.createObjectNode()
              .put("requestId", "kill-" + run).put("url", bundles.get(sent).toUri().toString())));
          Thread.sleep(random.nextInt(MAX_DELAY_MILLIS));
          daemon.kill();
          daemon.waitFor(10);
        }
      }
    }
    long seconds = (System.nanoTime() - began) / 1_000_000_000L;
    System.out.printf("update kills: %d SIGKILLs during updates in %d s; after restart the model was at %s%n", KILLS,
        seconds, outcomes);
    assertEquals(KILLS, outcomes.values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(outcomes.getOrDefault("new", 0) > 0 && outcomes.keySet().stream().anyMatch(k -> k.startsWith("old")),
        "kills landed both before and after the commit: " + outcomes);
  }

  /**
   * One clean run that takes an update to version a, dumping the classes it loaded into a
   * class-data archive: the 101 starts that follow load from it (with C1 only), about twice as
   * fast on a loaded 2-core machine.
   */
  private List<String> warmUp(TestSubscriber results, Path config, Path bundle) throws Exception {
    Path archive = tmp.resolve("daemon.jsa");
    List<String> fast = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    List<String> dump = new java.util.ArrayList<>(fast);
    dump.add("-XX:ArchiveClassesAtExit=" + archive);
    long started = System.currentTimeMillis();
    try (TestSubscriber events = TestSubscriber.connect(brokerUrl,
        "edgeinfer/" + DEVICE + "/event/model");
        DaemonProcess daemon = DaemonProcess.start(tmp.resolve("warmup.log"), dump, "run", "--config",
            config.toString())) {
      firstResultAfter(results, started, daemon);
      results.publish("edgeinfer/" + DEVICE + "/cmd/model/update", JSON.writeValueAsBytes(JSON.createObjectNode()
          .put("requestId", "warm-up").put("url", bundle.toUri().toString())));
      events.awaitMatching(r -> parse(r.payload()).path("state").asText().equals("committed"), Duration.ofSeconds(60),
          "the warm-up update committed");
      daemon.terminate();
      assertEquals(0, daemon.waitFor(30), daemon.log());
    }
    List<String> use = new java.util.ArrayList<>(fast);
    if (Files.exists(archive)) { // a JVM that cannot dump (no CDS) just starts slower
      use.add("-XX:SharedArchiveFile=" + archive);
    }
    return use;
  }

  /** The running version as the store says (the config's "1" when none): no update pending, files intact. */
  private static String checkStore(Path state, int run, DaemonProcess daemon) throws Exception {
    ModelStore store = new ModelStore(state, 3);
    assertEquals(Optional.empty(), store.pending("vibration"), "run " + run + ": a journal survived the start");
    Optional<StoredVersion> active = store.active("vibration");
    if (active.isEmpty()) {
      return "1";
    }
    BundleManifest m = active.get().manifest();
    for (var f : m.files().entrySet()) {
      byte[] bytes = Files.readAllBytes(active.get().dir().resolve(f.getKey()));
      assertEquals(f.getValue().size(), bytes.length, "run " + run + ": " + f.getKey());
      assertEquals(f.getValue().sha256(), UpdateBundles.sha256(bytes), "run " + run + ": " + f.getKey() + "\n"
          + daemon.log());
    }
    return active.get().version();
  }

  /** The first result of a window that ended after {@code millis} (results re-sent from before the kill are older). */
  private static JsonNode firstResultAfter(TestSubscriber results, long millis, DaemonProcess daemon) throws Exception {
    try {
      var m = results.awaitMatching(r -> parse(r.payload()).path("ts").asLong() > millis, Duration.ofSeconds(60),
          "a result after the restart");
      return parse(m.payload());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + daemon.log(), e);
    }
  }

  private static JsonNode parse(byte[] payload) {
    try {
      return JSON.readTree(payload);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
