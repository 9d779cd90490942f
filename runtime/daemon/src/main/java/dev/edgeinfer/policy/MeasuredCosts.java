package dev.edgeinfer.policy;

/** Both variants' costs from one side-by-side measurement, and when it was made (epoch ms). */
public record MeasuredCosts(VariantCost int8, VariantCost fp32, long measuredAtMillis) {

  /** True when FP32's median latency is at least {@code margin} (a fraction) below INT8's. */
  public boolean fp32FasterBy(double margin) {
    return fp32.latencyP50Ms() < int8.latencyP50Ms() * (1 - margin);
  }
}
