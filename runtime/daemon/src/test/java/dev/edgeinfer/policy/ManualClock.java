package dev.edgeinfer.policy;

/** A policy clock that moves only when the test says so. Not thread-safe: one test thread. */
final class ManualClock implements PolicyClock {
  private long nanos = 1_000_000_000L;
  private long epochMillis = 1_795_776_400_000L;

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public long epochMillis() {
    return epochMillis;
  }

  void advanceSeconds(double seconds) {
    long n = Math.round(seconds * 1e9);
    nanos += n;
    epochMillis += n / 1_000_000;
  }
}
