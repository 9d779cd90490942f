package dev.edgeinfer.bench;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.config.PipelineConfig.WindowConfig;
import dev.edgeinfer.config.PrecisionConfig;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.demo.DemoDataset;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.pipeline.InferenceResult;
import dev.edgeinfer.pipeline.ModelVariants;
import dev.edgeinfer.pipeline.Pipeline;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.policy.VariantsLoader;
import dev.edgeinfer.publish.SequenceStore;
import dev.edgeinfer.sensor.SyntheticVibrationSource;
import dev.edgeinfer.system.LatencyStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The precision switch under load: the real pipeline (demo pair, both variants loaded, shadow run
 * every 10th window, sequence numbers persisted as in the daemon) runs on its own thread as fast
 * as a non-real-time synthetic sensor feeds it, while this thread switches INT8 ↔ FP32 again and
 * again, each time waiting until the pipeline has picked the switch up.
 *
 * <p>Measured per switch: how long the switch itself takes ({@code select()}: with both variants
 * loaded it is one volatile write, and the goal of ≤ 1 ms is about this), and how long until the
 * next window starts on the new variant (the pipeline thread stamps that itself; it is the rest of
 * the window in flight, so it follows the pipeline's per-window time, not the switch). For
 * contrast, a switch that must first load FP32 ({@code fp32Loading: lazy}). Checked at the end:
 * the windows expected from the samples taken equal the results received, seq runs 1..N with no
 * gap and no duplicate, and the results change precision exactly once per switch.
 */
public final class PrecisionSwitchBenchmark {
  public static final double GOAL_MILLIS = 1.0;
  private static final int LAZY_ROUNDS = 5;
  private static final long PICKUP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** What one run measured. {@code effect}: select() to the next window on the new variant. */
  public record Result(int switches, LatencyStats select, long maxSelectNanos, LatencyStats effect,
      long maxEffectNanos, double lazySwitchMillis, long samples, long expectedWindows, long results, long gaps,
      long duplicates, long precisionChanges, double seconds) {

    public boolean noWindowLost() {
      return results == expectedWindows && gaps == 0 && duplicates == 0;
    }
  }

  private PrecisionSwitchBenchmark() {}

  public static Result run(Path int8, Path fp32, int switches, Path stateDir)
      throws ModelLoadException, IOException, InterruptedException {
    ModelConfig model = new ModelConfig("vibration", "1", int8, Optional.of(fp32), Optional.empty(), EngineKind.AUTO, 1);
    PipelineConfig config = new PipelineConfig("bench", "motor", "vibration",
        new WindowConfig(DemoDataset.WINDOW, DemoDataset.HOP), DemoDataset.PREPROCESSING, OutputKind.CLASSIFICATION,
        PrecisionConfig.DEFAULTS);
    CountingSource source = new CountingSource(new SyntheticVibrationSource(
        new SensorConfig.Synthetic("motor", DemoDataset.RATE_HZ, 1, List.of("idle", "normal", "imbalance",
            "bearing_wear"), 4, false), 0), Long.MAX_VALUE);
    List<long[]> seen = new ArrayList<>(); // {seq, precision ordinal}, pipeline thread only until joined
    try (ModelVariants variants = VariantsLoader.open(model, config.precision());
        SequenceStore seq = SequenceStore.inMemory()) {
      Pipeline pipeline = new Pipeline(config, model, source, variants, null, List.of(), seq,
          r -> seen.add(new long[] {r.seq(), precisionOf(r).ordinal()}));
      Thread thread = new Thread(pipeline, "pipeline-bench");
      long start = System.nanoTime();
      thread.start();
      long[] select = new long[switches];
      long[] effect = new long[switches];
      try {
        while (pipeline.stats().inferences() == 0) { // the first window ran: the pipeline is up to speed
          if (System.nanoTime() - start > PICKUP_TIMEOUT_NANOS) {
            throw new IllegalStateException("the pipeline produced no result within 10 s");
          }
          LockSupport.parkNanos(10_000);
        }
        for (int k = 0; k < switches; k++) {
          Precision target = variants.selected().other();
          long t0 = System.nanoTime();
          variants.select(target);
          select[k] = System.nanoTime() - t0;
          awaitPickups(variants, k + 1, t0);
          effect[k] = variants.switchTimes().lastNanos();
        }
      } finally {
        pipeline.stop();
        thread.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long gaps = 0;
      long duplicates = 0;
      long changes = 0;
      for (int i = 1; i < seen.size(); i++) {
        long step = seen.get(i)[0] - seen.get(i - 1)[0];
        gaps += step > 1 ? 1 : 0;
        duplicates += step < 1 ? 1 : 0;
        changes += seen.get(i)[1] != seen.get(i - 1)[1] ? 1 : 0;
      }
      if (!seen.isEmpty() && seen.get(0)[0] != 1) {
        gaps++;
      }
      long samples = source.count();
      return new Result(switches, LatencyStats.ofNanos(select, switches), max(select),
          LatencyStats.ofNanos(effect, switches), max(effect), lazySwitchMillis(model, config), samples, CountingSource.windowsFrom(samples, config.window().size(), config.window().hop()),
          seen.size(), gaps, duplicates, changes, seconds);
    }
  }

  /** Median over {@link #LAZY_ROUNDS} fresh lazily loading variant sets of load-then-select. */
  private static double lazySwitchMillis(ModelConfig model, PipelineConfig config) throws ModelLoadException {
    PrecisionConfig lazy = new PrecisionConfig(PrecisionConfig.Mode.AUTO, PrecisionConfig.Fp32Loading.LAZY, 0, 1, 1, 0,
        false, 10, PrecisionConfig.WorthConfig.DEFAULTS);
    long[] nanos = new long[LAZY_ROUNDS];
    for (int r = 0; r < LAZY_ROUNDS; r++) {
      try (ModelVariants v = VariantsLoader.open(model, lazy)) {
        long t0 = System.nanoTime();
        v.loadFp32();
        v.select(Precision.FP32);
        nanos[r] = System.nanoTime() - t0;
      }
    }
    return LatencyStats.ofNanos(nanos, LAZY_ROUNDS).medianMs();
  }

  private static Precision precisionOf(InferenceResult r) {
    return Precision.fromConfigName(r.precision());
  }

  /** Waits until the pipeline has taken up {@code count} switches in all. */
  private static void awaitPickups(ModelVariants variants, long count, long since) {
    while (variants.switchTimes().count() < count) {
      if (System.nanoTime() - since > PICKUP_TIMEOUT_NANOS) {
        throw new IllegalStateException("the pipeline did not take up switch " + count + " within 10 s");
      }
      LockSupport.parkNanos(5_000);
    }
  }

  private static long max(long[] v) {
    long m = 0;
    for (long x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  public static void print(PrintStream out, Result r) {
    out.printf(Locale.ROOT, "precision switch (demo pair; the pipeline at full speed on a non-real-time sensor, a shadow "
        + "run every 10th window; %,d windows in %.1f s, %.3f ms per window):%n", r.results(), r.seconds(),
        r.seconds() * 1000 / Math.max(1, r.results()));
    out.printf(Locale.ROOT, "  switch with both variants loaded, %d times: median %.2f us, p99 %.2f us, max %.2f us"
        + "  (goal <= %.0f ms: %s)%n", r.switches(), r.select().medianMs() * 1000, r.select().p99Ms() * 1000,
        r.maxSelectNanos() / 1e3, GOAL_MILLIS, r.maxSelectNanos() / 1e6 <= GOAL_MILLIS ? "met" : "NOT met");
    out.printf(Locale.ROOT, "  in effect from the next window: median %.4f ms, p99 %.4f ms, max %.4f ms after the switch"
        + " (the rest of the window in flight)%n", r.effect().medianMs(), r.effect().p99Ms(), r.maxEffectNanos() / 1e6);
    out.printf(Locale.ROOT, "  for contrast, a switch that must load fp32 first (fp32Loading: lazy): median %.3f ms%n",
        r.lazySwitchMillis());
    out.printf(Locale.ROOT, "  %,d samples -> %,d windows expected, %,d results; seq gaps %d, duplicates %d; "
        + "precision changes in the results: %d  (no window lost: %s)%n", r.samples(), r.expectedWindows(),
        r.results(), r.gaps(), r.duplicates(), r.precisionChanges(), r.noWindowLost() ? "yes" : "NO");
  }

}
