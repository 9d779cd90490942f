package dev.edgeinfer.policy;

import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.system.SystemProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * {@code model compare}: a model's INT8 and FP32 variants measured side by side on this device,
 * with the code the precision policy uses ({@link LoadedTwins} for costs; top-1 agreement and
 * mean absolute difference as the shadow runs compute them), over every row of the DATA.
 */
public final class ModelComparison {

  /**
   * The figures. {@code top1Agreeing} of {@code rows} picked the same top class; {@code
   * meanAbsDifference} is over all {@code outputsCompared} output values; accuracies are present
   * when the DATA has labels.
   */
  public record Result(MeasuredCosts costs, int rows, int top1Agreeing, double meanAbsDifference,
      long outputsCompared, int labelledRows, OptionalDouble int8Accuracy, OptionalDouble fp32Accuracy,
      int int8Correct, int fp32Correct) {

    public double top1Agreement() {
      return (double) top1Agreeing / rows;
    }
  }

  private ModelComparison() {}

  public static Result run(Path int8File, Path fp32File, Engines.Options options, CompareData data, int runs)
      throws ModelLoadException, IOException {
    try (LoadedTwins twins = LoadedTwins.load(int8File, fp32File, options, new SystemProbe())) {
      if (twins.int8().inputElements() != data.features().get(0).length) {
        throw new IllegalArgumentException(data.file() + ": rows have " + data.features().get(0).length
            + " features, but the model takes " + twins.int8().inputElements() + " inputs");
      }
      MeasuredCosts costs = twins.measure(data.features(), runs);
      int agree = 0;
      double diffSum = 0;
      long outputs = 0;
      int int8Correct = 0;
      int fp32Correct = 0;
      for (int r = 0; r < data.rows(); r++) {
        float[] in = data.features().get(r);
        float[] a = twins.int8().run(in);
        float[] b = twins.fp32().run(in);
        int topA = argmax(a);
        int topB = argmax(b);
        if (topA == topB) {
          agree++;
        }
        for (int k = 0; k < a.length; k++) {
          diffSum += Math.abs(a[k] - b[k]);
        }
        outputs += a.length;
        if (data.labels().isPresent()) {
          int label = data.labels().get()[r];
          int8Correct += topA == label ? 1 : 0;
          fp32Correct += topB == label ? 1 : 0;
        }
      }
      int labelled = data.labels().isPresent() ? data.rows() : 0;
      return new Result(costs, data.rows(), agree, diffSum / outputs, outputs, labelled,
          labelled == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) int8Correct / labelled),
          labelled == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) fp32Correct / labelled),
          int8Correct, fp32Correct);
    }
  }

  /** The first index of the largest value, as {@code Classifier.top} picks it. */
  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
