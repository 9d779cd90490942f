package dev.edgeinfer.publish;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sends a {@link SessionPublisher} has handed to Paho and not yet seen answered. Each ends
 * exactly once: by Paho's answer, or, when the connection drops, by {@link #failAll} at once,
 * whatever Paho does with its tokens later; either way its in-flight window slot is freed.
 *
 * <p>Thread-safe: sends start on publishing threads and end on Paho's threads.
 */
final class PendingSends {
  private final InflightWindow window;
  private final Set<Send> open = ConcurrentHashMap.newKeySet();

  PendingSends(InflightWindow window) {
    this.window = window;
  }

  /** Tracks a send whose window slot the caller already holds. */
  Send start() {
    Send s = new Send();
    open.add(s);
    return s;
  }

  void failAll(PublishException why) {
    for (Send s : open) {
      s.finish(why);
    }
  }

  /** One send: {@link #finish} with null (acknowledged) or the failure; later calls do nothing. */
  final class Send {
    final CompletableFuture<Void> future = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();

    void finish(Throwable failure) {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      open.remove(this);
      window.release();
      if (failure == null) {
        future.complete(null);
      } else {
        future.completeExceptionally(failure);
      }
    }
  }
}
