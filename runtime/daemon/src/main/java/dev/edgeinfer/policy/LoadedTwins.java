package dev.edgeinfer.policy;

import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.pipeline.ModelVariant;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.system.LatencyStats;
import dev.edgeinfer.system.SystemProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Fresh copies of a model's two variants, loaded with their load time and resident memory
 * measured, for side-by-side measurement: the policy's cost benchmark and {@code model compare}
 * both use this class, so the daemon and the command line measure the same way.
 *
 * <p>Measuring memory: a tiny unrelated model is loaded first ({@link WarmUpModel}), so that the
 * native library's one-time set-up is charged to neither variant. Then INT8 is loaded and kept,
 * then FP32; each figure is the growth of this process's resident set (VmRSS) over that first
 * load. It is what loading that variant costs this process, allocator effects included, so it is
 * coarse (pages) for small models.
 *
 * <p>Load time is the median of {@link #LOAD_ROUNDS} loads of each file (the kept one, then
 * loads and closes alternating between the two), because a single load on a busy board is noise.
 *
 * <p>Latency: the variants run alternately (INT8 first on even runs, FP32 first on odd ones) on the
 * same inputs, so both see the same machine load and caches.
 *
 * <p>Not thread-safe; its own engines, independent of any running pipeline's.
 */
public final class LoadedTwins implements AutoCloseable {
  static final int LOAD_ROUNDS = 5;
  private final ModelVariant int8;
  private final ModelVariant fp32;
  private final Path int8File;
  private final Path fp32File;
  private final double int8LoadMillis;
  private final double fp32LoadMillis;
  private final OptionalLong int8Resident;
  private final OptionalLong fp32Resident;

  private LoadedTwins(Path int8File, Path fp32File, ModelVariant int8, ModelVariant fp32, double int8LoadMillis,
      double fp32LoadMillis, OptionalLong int8Resident, OptionalLong fp32Resident) {
    this.int8File = int8File;
    this.fp32File = fp32File;
    this.int8 = int8;
    this.fp32 = fp32;
    this.int8LoadMillis = int8LoadMillis;
    this.fp32LoadMillis = fp32LoadMillis;
    this.int8Resident = int8Resident;
    this.fp32Resident = fp32Resident;
  }

  public static LoadedTwins load(Path int8File, Path fp32File, Engines.Options options, SystemProbe probe)
      throws ModelLoadException {
    WarmUpModel.load(options);
    InferenceEngine int8Engine = null;
    try {
      long rss0 = rss(probe);
      long t0 = System.nanoTime();
      int8Engine = Engines.open(int8File, options);
      long t1 = System.nanoTime();
      long rss1 = rss(probe);
      InferenceEngine fp32Engine = Engines.open(fp32File, options);
      long t2 = System.nanoTime();
      long rss2 = rss(probe);
      ModelVariant i = new ModelVariant(Precision.INT8, int8Engine);
      ModelVariant f;
      long[] int8Loads = new long[LOAD_ROUNDS];
      long[] fp32Loads = new long[LOAD_ROUNDS];
      int8Loads[0] = t1 - t0;
      fp32Loads[0] = t2 - t1;
      try {
        f = new ModelVariant(Precision.FP32, fp32Engine);
        if (i.inputElements() != f.inputElements() || i.outputElements() != f.outputElements()) {
          throw new ModelLoadException(fp32File, "takes " + f.inputElements() + " inputs and gives "
              + f.outputElements() + " outputs, but " + int8File.getFileName() + " takes " + i.inputElements()
              + " and gives " + i.outputElements() + "; they are not two precisions of one model");
        }
        for (int r = 1; r < LOAD_ROUNDS; r++) {
          int8Loads[r] = timedLoad(int8File, options);
          fp32Loads[r] = timedLoad(fp32File, options);
        }
      } catch (ModelLoadException | RuntimeException e) {
        fp32Engine.close();
        throw e;
      }
      return new LoadedTwins(int8File, fp32File, i, f, median(int8Loads) / 1e6, median(fp32Loads) / 1e6,
          delta(rss0, rss1), delta(rss1, rss2));
    } catch (ModelLoadException | RuntimeException e) {
      if (int8Engine != null) {
        int8Engine.close();
      }
      throw e;
    }
  }

  private static long timedLoad(Path file, Engines.Options options) throws ModelLoadException {
    long start = System.nanoTime();
    try (InferenceEngine e = Engines.open(file, options)) {
      return System.nanoTime() - start;
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  public ModelVariant int8() {
    return int8;
  }

  public ModelVariant fp32() {
    return fp32;
  }

  /**
   * Runs each variant {@code runs} times (after {@code runs / 10} untimed warm-up runs), cycling
   * through {@code inputs}, and returns both variants' costs.
   */
  public MeasuredCosts measure(List<float[]> inputs, int runs) throws IOException {
    if (inputs.isEmpty() || runs < 1) {
      throw new IllegalArgumentException("need at least one input and one run");
    }
    for (int r = 0; r < runs / 10; r++) {
      int8.run(inputs.get(r % inputs.size()));
      fp32.run(inputs.get(r % inputs.size()));
    }
    long[] a = new long[runs];
    long[] b = new long[runs];
    for (int r = 0; r < runs; r++) {
      float[] in = inputs.get(r % inputs.size());
      if (r % 2 == 0) {
        a[r] = timed(int8, in);
        b[r] = timed(fp32, in);
      } else {
        b[r] = timed(fp32, in);
        a[r] = timed(int8, in);
      }
    }
    return new MeasuredCosts(cost(int8, int8File, int8LoadMillis, int8Resident, a),
        cost(fp32, fp32File, fp32LoadMillis, fp32Resident, b), System.currentTimeMillis());
  }

  private static long timed(ModelVariant v, float[] in) {
    long start = System.nanoTime();
    v.run(in);
    return System.nanoTime() - start;
  }

  private static VariantCost cost(ModelVariant v, Path file, double loadMillis, OptionalLong resident, long[] nanos)
      throws IOException {
    LatencyStats s = LatencyStats.ofNanos(nanos, nanos.length);
    return new VariantCost(v.precision(), v.engine().kind(), Files.size(file), loadMillis, resident, s.medianMs(),
        s.p99Ms(), nanos.length);
  }

  private static long rss(SystemProbe probe) {
    return probe.residentBytes().orElse(-1);
  }

  private static OptionalLong delta(long before, long after) {
    return before < 0 || after < 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(0, after - before));
  }

  @Override
  public void close() {
    int8.engine().close();
    fp32.engine().close();
  }
}
