package dev.edgeinfer.model;

import dev.edgeinfer.pipeline.Precision;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a passing self-test measured: which engine ran each precision, how many vectors, the largest
 * difference from the expected outputs (integer tensors in quantized units, float tensors relative
 * to the tensor's largest magnitude), and how well INT8 agrees with FP32 on the same inputs.
 */
public record SelfTestReport(Map<Precision, String> engines, int vectors, long maxIntegerDiff,
    double maxFloatRelativeDiff, Optional<Agreement> agreement) {

  public SelfTestReport {
    engines = Collections.unmodifiableMap(new LinkedHashMap<>(engines));
  }

  /**
   * INT8 against FP32 over the vectors that have both: {@code top1} is the share of vectors whose
   * largest first output is the same element (meaningful for classifiers: present when that output
   * has more than one element), {@code meanAbsDiff} the mean absolute difference of the dequantized
   * INT8 outputs from the FP32 outputs over every output element.
   */
  public record Agreement(int vectors, Optional<Double> top1, double meanAbsDiff) {}

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(vectors).append(" vector(s) on ").append(engines).append(", max diff ").append(maxIntegerDiff)
        .append(" quantized unit(s), ").append(String.format("%.3g", maxFloatRelativeDiff)).append(" relative");
    agreement.ifPresent(a -> {
      sb.append("; int8/fp32 agreement over ").append(a.vectors()).append(" vector(s):");
      a.top1().ifPresent(t -> sb.append(String.format(" top-1 %.1f%%,", 100 * t)));
      sb.append(String.format(" mean abs diff %.4g", a.meanAbsDiff()));
    });
    return sb.toString();
  }
}
