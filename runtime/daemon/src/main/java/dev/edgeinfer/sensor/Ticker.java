package dev.edgeinfer.sensor;

/**
 * The time a sampling schedule runs on: a monotonic clock and a wait until a deadline that {@link
 * #wake()} cuts short. The system ticker uses {@link System#nanoTime()}; tests give a ticker whose
 * time moves only when they say, so schedules are checked to the nanosecond without sleeping.
 */
public interface Ticker {

  long nanoTime();

  /** Waits until {@code deadlineNanos} on this clock; false when woken early by {@link #wake()}. */
  boolean sleepUntil(long deadlineNanos) throws InterruptedException;

  /** Ends a wait in progress and every later one (the source is closing). */
  void wake();

  /** A fresh ticker on {@link System#nanoTime()}; one per source, since {@link #wake()} is final. */
  static Ticker system() {
    return new SystemTicker();
  }

  /** Waits on a monitor rather than sleeping, so that {@link #wake()} ends the wait at once. */
  final class SystemTicker implements Ticker {
    private final Object lock = new Object();
    private boolean woken;

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public boolean sleepUntil(long deadlineNanos) throws InterruptedException {
      synchronized (lock) {
        long wait;
        while (!woken && (wait = deadlineNanos - System.nanoTime()) > 0) {
          lock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return !woken;
      }
    }

    @Override
    public void wake() {
      synchronized (lock) {
        woken = true;
        lock.notifyAll();
      }
    }
  }
}
