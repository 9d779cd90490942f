package dev.edgeinfer.testing;

import dev.edgeinfer.sensor.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Ticker} whose clock moves only when told: {@link #advance} moves it, and a sleep moves
 * it to the deadline plus a set oversleep (how late a real thread wakes up). Schedules and
 * debounce timing are then checked to the nanosecond with no real waiting.
 *
 * <p>For one test thread; the clock is volatile so that event threads see it too.
 */
public final class FakeTicker implements Ticker {
  private volatile long now;
  private volatile long oversleepNanos;
  private volatile boolean woken;

  public FakeTicker(long startNanos) {
    this.now = startNanos;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public boolean sleepUntil(long deadlineNanos) {
    if (woken) {
      return false;
    }
    now = Math.max(now, deadlineNanos + oversleepNanos);
    return true;
  }

  @Override
  public void wake() {
    woken = true;
  }

  public void advance(long amount, TimeUnit unit) {
    now += unit.toNanos(amount);
  }

  public void advanceMillis(double millis) {
    now += Math.round(millis * 1_000_000);
  }

  /** A wall clock that reads {@code epochMillisNow} now and moves with this ticker. */
  public java.time.Clock wallClock(long epochMillisNow) {
    long origin = now;
    FakeTicker ticker = this;
    return new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        return java.time.Instant.ofEpochMilli(millis());
      }

      @Override
      public long millis() {
        return epochMillisNow + Math.floorDiv(ticker.now - origin, 1_000_000);
      }
    };
  }

  /** How far past its deadline each later sleep ends. */
  public void oversleep(long amount, TimeUnit unit) {
    oversleepNanos = unit.toNanos(amount);
  }
}
