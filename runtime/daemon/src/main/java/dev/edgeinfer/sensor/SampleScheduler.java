package dev.edgeinfer.sensor;

import dev.edgeinfer.system.LatencyStats;

/**
 * Keeps a polled source on a fixed grid of sampling slots, slot i due at start + i / rate, so that
 * lateness never accumulates into drift. A poll that comes after the slot following its own has
 * passed (a slow bus read, a long GC pause, a sensor outage) does not catch up in a burst: the
 * slots already gone are counted as missed and the poll takes the latest slot that is due. Jitter
 * is how late each poll starts after its slot's due time.
 *
 * <p>Used by the source's one consumer thread; {@link #stats()} may be called from any thread.
 */
public final class SampleScheduler {
  static final int JITTER_WINDOW = 1024;

  private final double rateHz;
  private final Ticker ticker;
  private final long[] jitters = new long[JITTER_WINDOW];
  private long startNanos;
  private boolean started;
  private long nextSlot;
  private long samples;
  private long missed;
  private long maxJitter;

  public SampleScheduler(double rateHz, Ticker ticker) {
    if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
      throw new IllegalArgumentException("rateHz must be positive, got " + rateHz);
    }
    this.rateHz = rateHz;
    this.ticker = ticker;
  }

  /** Starts at slot 1 instead of 0: for sources whose sample closes a window that a slot opened. */
  public SampleScheduler skipFirstSlot() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    nextSlot = 1;
    return this;
  }

  /**
   * Waits for the next slot and returns its due time (on the ticker's clock); -1 when the ticker
   * was woken (the source is closing).
   */
  public long awaitNext() throws InterruptedException {
    if (!started) {
      startNanos = ticker.nanoTime();
      started = true;
    }
    long due = dueOf(nextSlot);
    if (ticker.nanoTime() < due && !ticker.sleepUntil(due)) {
      return -1;
    }
    long now = ticker.nanoTime();
    long latest = latestSlotDueBy(now);
    long skipped = Math.max(0, latest - nextSlot);
    long slot = nextSlot + skipped;
    due = dueOf(slot);
    record(now - due, skipped);
    nextSlot = slot + 1;
    return due;
  }

  private synchronized void record(long jitterNanos, long skipped) {
    jitters[(int) (samples % JITTER_WINDOW)] = jitterNanos;
    samples++;
    missed += skipped;
    maxJitter = Math.max(maxJitter, jitterNanos);
  }

  private long dueOf(long slot) {
    return startNanos + Math.round(slot * 1e9 / rateHz);
  }

  /** The last slot whose due time is at or before {@code now}. */
  private long latestSlotDueBy(long now) {
    long slot = (long) Math.floor((now - startNanos) * rateHz / 1e9);
    // Rounding in dueOf can put the estimate one slot off either way.
    while (dueOf(slot) > now) {
      slot--;
    }
    while (dueOf(slot + 1) <= now) {
      slot++;
    }
    return slot;
  }

  public double rateHz() {
    return rateHz;
  }

  /** Samples taken, slots missed, and jitter of the last {@value #JITTER_WINDOW} polls (max since start). */
  public synchronized SamplingStats stats() {
    LatencyStats window = LatencyStats.ofNanos(jitters, (int) Math.min(samples, JITTER_WINDOW));
    return new SamplingStats(rateHz, samples, missed, window.medianMs() * 1000, window.p99Ms() * 1000,
        maxJitter / 1000.0);
  }
}
