package dev.edgeinfer.pipeline;

/**
 * Delays between reads of a failing sensor: {@code firstMillis}, doubling after each failed retry,
 * up to {@code maxMillis}. No jitter: one device's sensor has no crowd to spread out, and a fixed
 * sequence keeps the retry log readable.
 */
public record RetryPolicy(long firstMillis, long maxMillis) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(100, 10_000);

  public RetryPolicy {
    if (firstMillis < 1 || maxMillis < firstMillis) {
      throw new IllegalArgumentException("need 1 <= firstMillis <= maxMillis, got " + firstMillis + ", " + maxMillis);
    }
  }

  /** The wait before retry number {@code retry} (0 for the first retry). */
  public long delayMillis(int retry) {
    return retry >= 62 ? maxMillis : Math.min(maxMillis, firstMillis << Math.min(retry, 30));
  }
}
