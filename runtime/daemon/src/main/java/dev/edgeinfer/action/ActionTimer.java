package dev.edgeinfer.action;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay, for releasing a held or pulsed pin. The daemon uses one thread for all
 * rules; tests use a timer they advance by hand.
 */
public interface ActionTimer extends AutoCloseable {

  /** A scheduled task that can be cancelled before it runs. */
  interface Scheduled {
    void cancel();
  }

  Scheduled schedule(Runnable task, long delayMillis);

  @Override
  void close();

  /** One daemon thread, {@code actions}, shared by every rule of the daemon. */
  static ActionTimer threaded() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "actions");
      t.setDaemon(true);
      return t;
    });
    return new ActionTimer() {
      @Override
      public Scheduled schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> future = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
      }

      @Override
      public void close() {
        executor.shutdownNow();
      }
    };
  }
}
