package dev.edgeinfer.pipeline;

/**
 * How long each precision switch took to take effect: from {@link ModelVariants#select} to the
 * start of the first window on the new variant. Written by the pipeline thread, read by status
 * and benchmarks; synchronized (a handful of switches, never contended in practice).
 */
public final class SwitchTimes {
  private long count;
  private long lastNanos;
  private long maxNanos;

  synchronized void record(long nanos) {
    count++;
    lastNanos = nanos;
    maxNanos = Math.max(maxNanos, nanos);
  }

  public synchronized long count() {
    return count;
  }

  public synchronized long lastNanos() {
    return lastNanos;
  }

  public synchronized long maxNanos() {
    return maxNanos;
  }
}
