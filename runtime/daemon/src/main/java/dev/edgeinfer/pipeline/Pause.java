package dev.edgeinfer.pipeline;

/**
 * A wait between retries that {@link #cancel()} cuts short, so that stopping the daemon does not
 * wait out a sensor's backoff. Thread-safe: one thread waits, another cancels.
 */
final class Pause {
  private boolean cancelled;

  /** Waits {@code millis}; false when cancelled (now or before). */
  synchronized boolean waitFor(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    long left;
    while (!cancelled && (left = deadline - System.nanoTime()) > 0) {
      try {
        wait(left / 1_000_000, (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !cancelled;
  }

  synchronized void cancel() {
    cancelled = true;
    notifyAll();
  }
}
