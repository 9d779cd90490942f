package dev.edgeinfer.pipeline;

import java.util.function.LongSupplier;

/**
 * A pipeline loop's sign of life for the systemd watchdog. The loop beats before each step that may
 * block, saying how long that step may legitimately take (a sensor read up to one sample period, a
 * retry pause its full length); the loop is overdue when it has not beaten again by then plus the
 * watchdog's grace. A loop that ended normally (stream over, or stopped) is finished, not overdue;
 * one whose thread died of an exception stops beating and becomes overdue, so that systemd
 * restarts the daemon.
 *
 * <p>Thread-safe: the pipeline thread beats, the watchdog thread reads.
 */
public final class Heartbeat {
  private final LongSupplier nanoTime;
  private volatile long dueNanos;
  private volatile boolean finished;

  public Heartbeat(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.dueNanos = nanoTime.getAsLong();
  }

  /** The loop is alive and expects to beat again within {@code nextWithinMillis}. */
  public void beat(long nextWithinMillis) {
    dueNanos = nanoTime.getAsLong() + Math.max(0, nextWithinMillis) * 1_000_000;
  }

  /** The loop ended normally. */
  public void finish() {
    finished = true;
  }

  /** Whether the loop missed its promised beat by more than {@code graceNanos} at {@code nowNanos}. */
  public boolean overdue(long nowNanos, long graceNanos) {
    return !finished && nowNanos - dueNanos > graceNanos;
  }
}
