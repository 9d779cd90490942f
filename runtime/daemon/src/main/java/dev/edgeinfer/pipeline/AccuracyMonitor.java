package dev.edgeinfer.pipeline;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * What the pipeline learns about INT8 against FP32 as it runs: the running agreement of shadow
 * runs over the last {@code window} of them (top-1 agreement for a classifier, mean absolute
 * output difference for a regressor), how many windows were escalated, and when each class was
 * last the published top label (for "a label that matters").
 *
 * <p>Written by the pipeline thread, read by the policy and status threads. The agreement ring
 * and counters are guarded by this object's lock (a few calls per window, uncontended); label
 * times are an atomic array so the per-window write takes no lock.
 */
public final class AccuracyMonitor {

  /** {@code top1}: fraction of shadow runs whose top class matched. {@code meanAbsDiff}: mean |a - b| over outputs. */
  public enum Metric {
    TOP1("top1"), MEAN_ABS_DIFF("meanAbsDiff");

    private final String jsonName;

    Metric(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }
  }

  /**
   * The agreement over the last {@code runs} shadow runs ({@code value} is NaN before the first),
   * and totals since start.
   */
  public record Snapshot(Metric metric, int runs, double value, long totalShadowRuns, long escalations) {}

  private static final long NEVER = Long.MIN_VALUE;

  private final Metric metric;
  private final double[] ring;
  private final AtomicLongArray labelSeenNanos;
  private final LongSupplier nanoTime;
  private int next;
  private int filled;
  private double sum;
  private long totalShadowRuns;
  private long escalations;

  public AccuracyMonitor(Metric metric, int window, int classes) {
    this(metric, window, classes, System::nanoTime);
  }

  /** {@code nanoTime} stamps label sightings; the policy reads them against the same clock. */
  public AccuracyMonitor(Metric metric, int window, int classes, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    if (window < 1) {
      throw new IllegalArgumentException("agreement window must be >= 1, got " + window);
    }
    this.metric = metric;
    this.ring = new double[window];
    this.labelSeenNanos = new AtomicLongArray(Math.max(0, classes));
    for (int i = 0; i < classes; i++) {
      labelSeenNanos.set(i, NEVER);
    }
  }

  public Metric metric() {
    return metric;
  }

  /** A classifier's shadow run: did both variants pick the same top class? */
  public void recordTop1(boolean agree) {
    record(agree ? 1 : 0);
  }

  /** A regressor's shadow run: the mean absolute difference of the two outputs. */
  public void recordDifference(double meanAbsDiff) {
    record(meanAbsDiff);
  }

  private synchronized void record(double value) {
    if (filled == ring.length) {
      sum -= ring[next];
    } else {
      filled++;
    }
    ring[next] = value;
    sum += value;
    next = (next + 1) % ring.length;
    totalShadowRuns++;
    // Recompute now and then so that floating-point drift of the running sum never builds up.
    if (next == 0) {
      sum = 0;
      for (int i = 0; i < filled; i++) {
        sum += ring[i];
      }
    }
  }

  public synchronized void recordEscalation() {
    escalations++;
  }

  /** The published result's top class, seen now. */
  public void recordTopLabel(int index) {
    if (index >= 0 && index < labelSeenNanos.length()) {
      labelSeenNanos.set(index, nanoTime.getAsLong());
    }
  }

  /** When class {@code index} was last the published top label, on this monitor's clock; empty if never. */
  public OptionalLong labelLastSeenNanos(int index) {
    long t = index >= 0 && index < labelSeenNanos.length() ? labelSeenNanos.get(index) : NEVER;
    return t == NEVER ? OptionalLong.empty() : OptionalLong.of(t);
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(metric, filled, filled == 0 ? Double.NaN : sum / filled, totalShadowRuns, escalations);
  }
}
