package dev.edgeinfer.system;

import java.util.Arrays;

/** Min, median and 99th percentile of a set of durations, in milliseconds (nearest-rank percentiles). */
public record LatencyStats(int count, double minMs, double medianMs, double p99Ms) {

  public static LatencyStats ofNanos(long[] nanos, int count) {
    if (count == 0) {
      return new LatencyStats(0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new LatencyStats(count, sorted[0] / 1e6, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6);
  }

  /** Nearest-rank percentile of sorted values. */
  public static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "latency min %.3f ms, median %.3f ms, p99 %.3f ms", minMs, medianMs,
        p99Ms);
  }
}
