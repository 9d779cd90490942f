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

  /**
   * Parks rather than sleeping or waiting on a monitor: {@code Object.wait(ms, ns)} rounds up to
   * whole milliseconds, a quarter of a 400 Hz period, while a park wakes within tens of
   * microseconds on Linux. {@link #wake()} unparks the waiting thread.
   */
  final class SystemTicker implements Ticker {
    private volatile boolean woken;
    private volatile Thread waiter;

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public boolean sleepUntil(long deadlineNanos) throws InterruptedException {
      waiter = Thread.currentThread();
      try {
        long wait;
        while (!woken && (wait = deadlineNanos - System.nanoTime()) > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(this, wait);
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
        }
        return !woken;
      } finally {
        waiter = null;
      }
    }

    @Override
    public void wake() {
      woken = true;
      Thread t = waiter;
      if (t != null) {
        java.util.concurrent.locks.LockSupport.unpark(t);
      }
    }
  }
}
