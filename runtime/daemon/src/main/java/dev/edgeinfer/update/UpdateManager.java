package dev.edgeinfer.update;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.UpdatesConfig;
import dev.edgeinfer.model.BundleVerifier;
import dev.edgeinfer.model.CodedFailure;
import dev.edgeinfer.model.ModelStore;
import dev.edgeinfer.model.SelfTest;
import dev.edgeinfer.model.StoredVersion;
import dev.edgeinfer.model.VerifiedBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs model updates one at a time on its own {@code model-update} thread (others queue):
 * received → downloading → verifying → testing → active → trial → committed, or rejected (before
 * activation: the old version never stopped serving) / rolled_back (after it: the store and the
 * pipelines return to the previous version), each step announced as a {@link ModelEvent}.
 *
 * <p>Crash safety comes from the store's journal: {@code beginUpdate} before install, {@code
 * trial} before activation, {@code commit} at the end. A process that dies in between is
 * found by {@code ModelStore.recover()} at the next start and returned to the previous version.
 *
 * <p>Thread-safe: {@link #submit} from the command thread; everything else on the worker.
 */
public final class UpdateManager implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(UpdateManager.class.getName());

  private final UpdatesConfig config;
  private final Path workDir;
  private final ModelStore store;
  private final BundleVerifier verifier;
  private final Map<String, ModelConfig> configured;
  private final ModelSwitcher switcher;
  private final ModelEvents events;
  private final CompletedRequests completed;
  private final Clock clock;
  private final BundleDownloader downloader;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "model-update");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger waiting = new AtomicInteger();

  /**
   * @param workDir where downloads and extractions go ({@code STATE/updates}); cleared at start
   * @param configured the config's models: the fallback when the store holds no version of one
   */
  public UpdateManager(UpdatesConfig config, Path workDir, ModelStore store, BundleVerifier verifier,
      Map<String, ModelConfig> configured, ModelSwitcher switcher, ModelEvents events, CompletedRequests completed,
      Clock clock) {
    this.config = config;
    this.workDir = workDir;
    this.store = store;
    this.verifier = verifier;
    this.configured = Map.copyOf(configured);
    this.switcher = switcher;
    this.events = events;
    this.completed = completed;
    this.clock = clock;
    this.downloader = new BundleDownloader(config.maxBundleBytes(), Duration.ofSeconds(config.downloadTimeoutSeconds()));
  }

  /** Queues {@code request}; returns how many updates were ahead of it. */
  public int submit(UpdateRequest request) {
    int ahead = waiting.getAndIncrement();
    worker.execute(() -> {
      try {
        run(request);
      } finally {
        waiting.decrementAndGet();
      }
    });
    return ahead;
  }

  /** Publishes {@code state} for a request (the command thread announces {@code received}). */
  public void announce(String requestId, String model, String version, UpdateState state, String reason, String error) {
    if (state.isFinal() && requestId != null) {
      // Recorded before it is announced: whoever sees the final event may rely on it (and stop the daemon).
      try {
        completed.add(requestId, state);
      } catch (IOException e) {
        LOG.warning("request " + requestId + ": not recorded as done (it may be applied again): " + e);
      }
    }
    events.publish(new ModelEvent(requestId, model, version, state, reason, error, clock.millis()));
  }

  private void run(UpdateRequest request) {
    String id = request.requestId();
    Path dir = workDir.resolve("run-" + id);
    String model = null;
    String version = null;
    boolean journal = false;
    try {
      Tree.delete(dir.resolve("extract"));
      Files.createDirectories(dir);
      Path bundle;
      if (request instanceof UpdateRequest.FromUrl u) {
        announce(id, null, null, UpdateState.DOWNLOADING, null, null);
        bundle = dir.resolve("bundle.zip");
        downloader.fetch(u.url(), bundle, u.size());
        if (u.sha256().isPresent()) {
          String got = sha256(bundle);
          if (!got.equals(u.sha256().get())) {
            throw new UpdateFailure("hash_mismatch", "url: the download's SHA-256 is " + got + ", the command said "
                + u.sha256().get());
          }
        }
      } else {
        bundle = ((UpdateRequest.FromChunks) request).bundle();
      }
      announce(id, null, null, UpdateState.VERIFYING, null, null);
      VerifiedBundle verified = verifier.verify(bundle, dir.resolve("extract"));
      model = verified.manifest().name();
      version = verified.manifest().version();
      ModelConfig base = configured.get(model);
      if (base == null || switcher.pipelinesOf(model).isEmpty()) {
        throw new UpdateFailure("unknown_model", "bundle: model \"" + model + "\" is "
            + (base == null ? "not in this device's config (models: " + String.join(", ", configured.keySet()) + ")"
                : "used by no pipeline on this device"));
      }
      if (switcher.running(model).version().equals(version)) {
        announce(id, model, version, UpdateState.COMMITTED, "already_active", null);
        return;
      }
      announce(id, model, version, UpdateState.TESTING, null, null);
      for (var p : switcher.pipelinesOf(model)) {
        dev.edgeinfer.model.ShapeCheck.checkPipeline(verified.manifest(), p.config()); // the declared input, if any
      }
      // The journal first: from here a crash (native code running an unknown model may take the
      // process down) is undone by recover() at the next start.
      store.beginUpdate(model, version, id);
      journal = true;
      StoredVersion stored = store.install(verified);
      store.markState(model, dev.edgeinfer.model.JournalState.TESTING);
      dev.edgeinfer.model.SelfTestReport report = SelfTest.run(stored, base.engine());
      report.requireAgreement(config.minAgreement());
      LOG.info("model " + model + " " + version + ": self-test passed: " + report);
      ModelSwitcher.Prepared prepared = switcher.prepare(stored.toModelConfig(base));
      store.markState(model, dev.edgeinfer.model.JournalState.TRIAL);
      store.activate(model, version);
      switcher.swap(prepared);
      announce(id, model, version, UpdateState.ACTIVE, null, null);
      trial(id, model, version);
      store.commit(model);
      journal = false;
      announce(id, model, version, UpdateState.COMMITTED, null, null);
    } catch (TrialFailed e) {
      journal = false;
      undoTrial(id, model, version, "trial_failed", e.getMessage());
    } catch (CodedFailure e) { // the verifier's and this path's refusals alike
      reject(id, model, version, e.reason(), e.getMessage(), journal);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: the journal makes the next start roll back
    } catch (IOException | dev.edgeinfer.model.StoreException | RuntimeException e) {
      LOG.log(Level.WARNING, "update " + id + " failed", e);
      reject(id, model, version, "internal", e.toString(), journal);
    } finally {
      Tree.delete(dir);
      if (request instanceof UpdateRequest.FromChunks c) {
        Tree.delete(c.bundle().getParent()); // the chunks, done with either way
      }
    }
  }

  private void trial(String id, String model, String version) throws InterruptedException, TrialFailed, IOException {
    TrialWatch watch = new TrialWatch(version, config.trial().inferences());
    switcher.observe(model, watch);
    announce(id, model, version, UpdateState.TRIAL, null, null);
    String failure;
    try {
      failure = watch.await(config.trial().seconds());
    } finally {
      switcher.observe(model, null);
    }
    if (failure != null) {
      throw new TrialFailed(failure);
    }
    LOG.info("model " + model + " " + version + ": trial passed after " + watch.goodInferences() + " inferences");
  }

  /** After activation: the store's journal undone (pointers as before the update) and every pipeline back. */
  private void undoTrial(String id, String model, String version, String reason, String why) {
    try {
      Optional<StoredVersion> now = store.abandon(model);
      ModelConfig base = configured.get(model);
      switcher.swap(switcher.prepare(now.map(v -> v.toModelConfig(base)).orElse(base)));
      LOG.warning("model " + model + " " + version + " rolled back to " + now.map(StoredVersion::version)
          .orElse(base.version() + " (the config's files)") + ": " + why);
      announce(id, model, version, UpdateState.ROLLED_BACK, reason, why);
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "model " + model + ": rollback after a failed trial failed", e);
      announce(id, model, version, UpdateState.ROLLED_BACK, reason, why + "; rollback failed: " + e.getMessage()
          + " (the store is restored at the next start)");
    }
  }

  private void reject(String id, String model, String version, String reason, String why, boolean journal) {
    if (journal) {
      try {
        store.abandon(model);
      } catch (IOException | dev.edgeinfer.model.StoreException e) {
        LOG.warning("model " + model + ": journal not cleared (the next start clears it): " + e.getMessage());
      }
    }
    LOG.info("update " + id + " rejected (" + reason + "): " + why);
    announce(id, model, version, UpdateState.REJECTED, reason, why);
  }

  /**
   * The {@code model/rollback} command: the store's active := previous (or, after the first update,
   * the config's own files), and the pipelines run that from their next window. Returns the model
   * as it runs now.
   */
  public ModelConfig restorePrevious(String model) throws UpdateFailure, IOException,
      dev.edgeinfer.model.StoreException {
    ModelConfig base = configured.get(model);
    if (base == null) {
      throw new UpdateFailure("unknown_model", "model \"" + model + "\" is not in this device's config");
    }
    if (store.active(model).isEmpty()) {
      throw new UpdateFailure("no_previous", "model \"" + model + "\" runs its config's files (version "
          + base.version() + "); there is nothing to roll back to");
    }
    ModelConfig now = store.rollback(model).map(v -> v.toModelConfig(base)).orElse(base);
    if (!switcher.pipelinesOf(model).isEmpty()) {
      switcher.swap(switcher.prepare(now));
    }
    return now;
  }

  /** Runs {@code task} on the update worker, after any update in progress; for the rollback command. */
  public <T> T onWorker(java.util.concurrent.Callable<T> task) throws Exception {
    try {
      return worker.submit(task).get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Stops the worker; an update in progress is abandoned (the journal rolls it back at the next start). */
  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Streamed: a bundle may be tens of MiB. */
  private static String sha256(Path file) throws IOException {
    java.security.MessageDigest digest = ChunkAssembler.sha256Digest();
    try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  private static final class TrialFailed extends Exception {
    TrialFailed(String message) {
      super(message);
    }
  }

}
