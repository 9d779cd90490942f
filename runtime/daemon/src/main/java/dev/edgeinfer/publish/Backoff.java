package dev.edgeinfer.publish;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from {@code minMillis} up to {@code maxMillis}, with "full
 * jitter" (a uniform draw below the current ceiling) so that a fleet whose broker restarts does
 * not reconnect in lockstep. Not thread-safe: owned by the reconnect thread.
 */
final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private long ceiling;

  Backoff(long minMillis, long maxMillis) {
    if (minMillis < 1 || maxMillis < minMillis) {
      throw new IllegalArgumentException("need 1 <= min <= max, got " + minMillis + ", " + maxMillis);
    }
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.ceiling = minMillis;
  }

  /** The next delay, in [min, current ceiling]; the ceiling then doubles, up to max. */
  long next() {
    long delay = ThreadLocalRandom.current().nextLong(minMillis, ceiling + 1);
    ceiling = Math.min(maxMillis, ceiling * 2);
    return delay;
  }

  void reset() {
    ceiling = minMillis;
  }
}
