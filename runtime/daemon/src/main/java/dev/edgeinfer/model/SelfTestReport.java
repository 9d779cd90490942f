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
  public record Agreement(int vectors, boolean realInputs, Optional<Double> top1, double meanAbsDiff) {}

  /**
   * {@code precision_disagreement} when INT8 and FP32 pick the same top class on fewer than
   * {@code min} of the vectors: a quantization that lost the model's meaning, though each
   * precision reproduces its own expected outputs. Only classifiers with both precisions, and
   * given (not random) vectors, are held to it.
   */
  public void requireAgreement(double min) throws BundleRejected {
    if (agreement.isEmpty() || agreement.get().top1().isEmpty() || !agreement.get().realInputs()) {
      return;
    }
    double top1 = agreement.get().top1().get();
    if (top1 < min) {
      throw new BundleRejected("precision_disagreement", String.format(java.util.Locale.ROOT,
          "int8 and fp32 pick the same top class on %.1f%% of %d self-test vector(s); updates.minAgreement is %.1f%%",
          100 * top1, agreement.get().vectors(), 100 * min));
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(vectors).append(" vector(s) on ").append(engines).append(", max diff ").append(maxIntegerDiff)
        .append(" quantized unit(s), ").append(String.format("%.3g", maxFloatRelativeDiff)).append(" relative");
    agreement.ifPresent(a -> {
      sb.append("; int8/fp32 agreement over ").append(a.vectors()).append(a.realInputs() ? " given" : " random")
          .append(" vector(s):");
      a.top1().ifPresent(t -> sb.append(String.format(" top-1 %.1f%%,", 100 * t)));
      sb.append(String.format(" mean abs diff %.4g", a.meanAbsDiff()));
    });
    return sb.toString();
  }
}
