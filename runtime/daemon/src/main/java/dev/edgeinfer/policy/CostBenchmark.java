package dev.edgeinfer.policy;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.system.SystemProbe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The policy's cost measurement: a model's two variants, fresh copies loaded beside the running
 * pipeline's, timed side by side on seeded random feature vectors (latency of the small dense and
 * convolutional models edgeinfer runs does not depend on the values, and random inputs need no
 * recorded data). Runs on the policy's or the command thread, never the pipeline's.
 */
public final class CostBenchmark {
  /** The same inputs on every run and every device. */
  static final long SEED = 20260401L;
  private static final int DISTINCT_INPUTS = 32;

  private CostBenchmark() {}

  public static MeasuredCosts measure(ModelConfig model, int runs, SystemProbe probe)
      throws ModelLoadException, IOException {
    if (model.fp32().isEmpty()) {
      throw new IllegalArgumentException("models." + model.name() + " has no fp32 file to compare with");
    }
    try (LoadedTwins twins = LoadedTwins.load(model.int8(), model.fp32().get(),
        Engines.Options.of(model.engine(), model.threads()), probe)) {
      return twins.measure(randomInputs(twins.int8().inputElements()), runs);
    }
  }

  static List<float[]> randomInputs(int features) {
    Random random = new Random(SEED);
    List<float[]> inputs = new ArrayList<>();
    for (int i = 0; i < DISTINCT_INPUTS; i++) {
      float[] f = new float[features];
      for (int k = 0; k < features; k++) {
        f[k] = (float) random.nextGaussian();
      }
      inputs.add(f);
    }
    return inputs;
  }
}
