package dev.edgeinfer.publish;

/**
 * Counts QoS 1/2 publishes the broker has not acknowledged yet, and makes publishers wait while
 * the count reaches the limit. Paho's MQTT 5 client refuses a publish beyond the broker's
 * Receive Maximum (Mosquitto sends 20) with "too many publishes in progress" (32202); waiting
 * here instead gives callers back-pressure. The limit follows each CONNACK's Receive Maximum.
 *
 * <p>Thread-safe (one monitor).
 */
final class InflightWindow {
  private final int cap;
  private int limit;
  private int inUse;

  InflightWindow(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("in-flight cap must be at least 1, got " + cap);
    }
    this.cap = cap;
    this.limit = cap;
  }

  /** Sets the limit to the broker's Receive Maximum (null: the broker sent none, 65535), bounded by our cap. */
  synchronized void brokerReceiveMaximum(Integer receiveMaximum) {
    limit = Math.min(cap, receiveMaximum == null ? 65_535 : Math.max(1, receiveMaximum));
    notifyAll();
  }

  /** Takes one slot, waiting up to {@code timeoutMillis}; false when none was free in time. */
  synchronized boolean acquire(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (inUse >= limit) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000L));
    }
    inUse++;
    return true;
  }

  /** Takes a slot only if one is free now. */
  synchronized boolean tryAcquire() {
    if (inUse >= limit) {
      return false;
    }
    inUse++;
    return true;
  }

  synchronized void release() {
    if (inUse > 0) {
      inUse--;
    }
    notifyAll();
  }

  synchronized int inUse() {
    return inUse;
  }

  /** Waits until nothing is in flight, up to {@code timeoutMillis}; true when drained. */
  synchronized boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (inUse > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000L));
    }
    return true;
  }
}
