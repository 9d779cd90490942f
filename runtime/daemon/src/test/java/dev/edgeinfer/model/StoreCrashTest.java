package dev.edgeinfer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at every step the store takes on disk, each in a fresh store: the step throws, exactly as
 * if power went at that instant (every earlier step done, nothing later); a new store then
 * recovers, and each model must be at a complete version whose files match their hashes: the old
 * one before the update committed, the new one after. The real SIGKILL test of the daemon is the
 * update path's own IT.
 */
class StoreCrashTest {
  private static KeyPair key;
  private static Path template;
  @TempDir static Path bundles;
  @TempDir Path tmp;

  /** Thrown at the chosen step, standing for the power cut. */
  static final class PowerCut extends IOException {
    PowerCut(String step) {
      super("power cut at: " + step);
    }
  }

  /** Counts steps; throws at step {@code cutAt} (0: never). */
  static final class Steps implements CrashPoint {
    final int cutAt;
    final List<String> seen = new ArrayList<>();

    Steps(int cutAt) {
      this.cutAt = cutAt;
    }

    @Override
    public void reached(String step) throws IOException {
      seen.add(step);
      if (seen.size() == cutAt) {
        throw new PowerCut(step);
      }
    }
  }

  @BeforeAll
  static void makeBundles() throws Exception {
    key = Ed25519Keys.generate();
    for (String v : List.of("1", "2", "3")) {
      TestBundles.small(bundles, v, key);
    }
    template = bundles.resolve("seeded");
    ModelStore store = new ModelStore(template, 2);
    for (String v : List.of("1", "2")) {
      store.install(verify(store, v));
      store.activate("vibration", v);
    }
  }

  /** A copy of the template: v1 and v2 installed, v2 active, v1 previous; keeping 2, committing v3 prunes v1. */
  private static void seed(Path state) throws IOException {
    try (Stream<Path> all = Files.walk(template)) {
      for (Path p : all.toList()) {
        Path to = state.resolve(template.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  private static VerifiedBundle verify(ModelStore store, String version) throws Exception {
    return new BundleVerifier(TrustedKeys.of(key.getPublic()), Limits.DEFAULTS, "0.1.0")
        .verify(bundles.resolve("vibration-" + version + ".zip"), store.newStagingDir("vibration"));
  }

  /** The daemon's whole update path, as the update manager drives the store. */
  private static void update(ModelStore store, Steps steps) throws Exception {
    store.beginUpdate("vibration", "3", "req-1");
    VerifiedBundle b = verify(store, "3");
    steps.reached("test: verified into staging");
    store.install(b);
    store.markState("vibration", JournalState.TESTING);
    store.activate("vibration", "3");
    store.markState("vibration", JournalState.TRIAL);
    store.commit("vibration");
  }

  @Test
  void update_cutAtEveryStep_recoversToACompleteVersion() throws Exception {
    Steps all = new Steps(0);
    Path dry = tmp.resolve("dry");
    seed(dry);
    update(new ModelStore(dry, 2, all), all);
    int total = all.seen.size();
    assertTrue(total > 20, "the update takes many steps: " + all.seen);
    for (int k = 1; k <= total; k++) {
      Path state = tmp.resolve("cut" + k);
      seed(state);
      Steps steps = new Steps(k);
      try {
        update(new ModelStore(state, 2, steps), steps);
        throw new AssertionError("no cut at step " + k);
      } catch (PowerCut expected) {
        // the device lost power here
      }
      boolean journaled = steps.seen.stream().anyMatch(s -> s.startsWith("rename pending"));
      boolean committed = steps.seen.stream().anyMatch(s -> s.startsWith("delete pending"));
      String where = "cut at step " + k + " (" + steps.seen.get(k - 1) + ")";
      ModelStore after = new ModelStore(state, 2);
      List<Recovery> done = after.recover();
      assertWhole(after, committed ? "3" : "2", where);
      if (!committed) {
        // Before the journal is in place the update had not begun as far as the disk knows.
        assertEquals(journaled ? 1 : 0, done.size(), where);
        if (journaled) {
          assertEquals(Optional.of("req-1"), done.get(0).requestId(), where);
        }
        assertFalse(Files.exists(state.resolve("models/vibration/versions/3")), "the abandoned version is gone: " + where);
      }
      assertEquals(List.of(), after.recover(), "recovery is done once: " + where);
      if (!committed) {
        update(after, new Steps(0)); // the store is not wedged: the same update now goes through
        assertWhole(after, "3", where + ", then updated again");
      }
    }
  }

  @Test
  void rollback_cutAtEveryStep_recoversToACompleteVersion() throws Exception {
    Steps all = new Steps(0);
    Path dry = tmp.resolve("dry");
    seed(dry);
    new ModelStore(dry, 2, all).rollback("vibration");
    for (int k = 1; k <= all.seen.size(); k++) {
      Path state = tmp.resolve("cut" + k);
      seed(state);
      try {
        new ModelStore(state, 2, new Steps(k)).rollback("vibration");
        throw new AssertionError("no cut at step " + k);
      } catch (PowerCut expected) {
        // the device lost power here
      }
      ModelStore after = new ModelStore(state, 2);
      after.recover();
      String active = after.active("vibration").orElseThrow().version();
      assertTrue(active.equals("1") || active.equals("2"), "cut at " + k + ": " + active);
      assertWhole(after, active, "cut at " + k);
    }
  }

  /** Active is {@code version}, whole; previous (if any) is another whole version; nothing half-done remains. */
  private static void assertWhole(ModelStore store, String version, String where) throws IOException {
    StoredVersion active = store.active("vibration").orElseThrow(() -> new AssertionError("no active: " + where));
    assertEquals(version, active.version(), where);
    assertEquals(null, VersionFiles.mismatch(active.dir(), active.manifest()), where);
    Optional<StoredVersion> previous = store.previous("vibration");
    if (previous.isPresent()) {
      assertNotEquals(version, previous.get().version(), where);
      assertEquals(null, VersionFiles.mismatch(previous.get().dir(), previous.get().manifest()), where);
    }
    assertEquals(Optional.empty(), store.pending("vibration"), where);
    try (Stream<Path> all = Files.walk(store.root())) {
      List<String> leftovers = all.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tmp") || n.startsWith(".staging-") || n.startsWith(".trash-"))
          .sorted(Comparator.naturalOrder()).toList();
      assertEquals(List.of(), leftovers, where);
    }
  }
}
