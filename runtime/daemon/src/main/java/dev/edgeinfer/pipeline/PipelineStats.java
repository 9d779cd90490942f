package dev.edgeinfer.pipeline;

import dev.edgeinfer.system.LatencyStats;

/**
 * Counters for {@code status}: inferences, errors, and the latencies of the last
 * {@value #WINDOW} inferences. Written by the pipeline thread, read by the status thread: methods
 * are synchronized (a few times a second, contention is nil).
 */
public final class PipelineStats {
  static final int WINDOW = 512;
  private final long[] latencies = new long[WINDOW];
  private final long startedNanos = System.nanoTime();
  private long inferences;
  private long errors;
  private long lastSeq = -1;

  public synchronized void recordInference(long latencyNanos, long seq) {
    latencies[(int) (inferences % WINDOW)] = latencyNanos;
    inferences++;
    lastSeq = seq;
  }

  public synchronized void recordError() {
    errors++;
  }

  public synchronized long inferences() {
    return inferences;
  }

  public synchronized long errors() {
    return errors;
  }

  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** Inferences per second since the pipeline started. */
  public synchronized double rate() {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    return seconds <= 0 ? 0 : inferences / seconds;
  }

  public synchronized LatencyStats latency() {
    return LatencyStats.ofNanos(latencies, (int) Math.min(inferences, WINDOW));
  }
}
