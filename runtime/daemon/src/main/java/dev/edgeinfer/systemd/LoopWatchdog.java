package dev.edgeinfer.systemd;

import dev.edgeinfer.pipeline.Heartbeat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Sends systemd's {@code WATCHDOG=1} only while every pipeline loop makes progress. Every half
 * interval (systemd's advice in sd_watchdog_enabled(3)) it reads each pipeline's {@link Heartbeat};
 * when one is overdue by more than the interval, pings stop, and systemd kills and (with
 * {@code Restart=on-failure}) restarts the service once {@code WatchdogSec} passes without one. A
 * thread that is alive but stuck (a hung native call, a deadlock) is caught this way, where a
 * heartbeat from a timer alone would keep a dead daemon "healthy".
 *
 * <p>Runs on its own daemon thread; {@link #close()} stops it.
 */
public final class LoopWatchdog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LoopWatchdog.class.getName());

  private final SystemdNotifier notifier;
  private final Map<String, Heartbeat> heartbeats;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService timer;
  private volatile String stuck = "";

  /** @param heartbeats by pipeline name */
  LoopWatchdog(SystemdNotifier notifier, Duration interval, Map<String, Heartbeat> heartbeats, LongSupplier nanoTime,
      ScheduledExecutorService timer) {
    this.notifier = notifier;
    this.heartbeats = Map.copyOf(heartbeats);
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.timer = timer;
  }

  /** Starts pinging when systemd asked for a watchdog; otherwise there is nothing to run. */
  public static Optional<LoopWatchdog> start(SystemdNotifier notifier, Map<String, Heartbeat> heartbeats) {
    if (!notifier.enabled() || notifier.watchdogInterval().isEmpty()) {
      return Optional.empty();
    }
    Duration interval = notifier.watchdogInterval().get();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "systemd-watchdog");
      t.setDaemon(true);
      return t;
    });
    LoopWatchdog watchdog = new LoopWatchdog(notifier, interval, heartbeats, System::nanoTime, timer);
    long period = Math.max(1, interval.toNanos() / 2);
    timer.scheduleAtFixedRate(watchdog::check, 0, period, TimeUnit.NANOSECONDS);
    LOG.info("systemd watchdog: WATCHDOG=1 every " + period / 1_000_000 + " ms while all "
        + heartbeats.size() + " pipeline loop(s) make progress");
    return Optional.of(watchdog);
  }

  /** One round: ping when no loop is overdue; returns whether it pinged. */
  boolean check() {
    long now = nanoTime.getAsLong();
    List<String> overdue = heartbeats.entrySet().stream()
        .filter(e -> e.getValue().overdue(now, intervalNanos)).map(Map.Entry::getKey).sorted().toList();
    String names = String.join(", ", overdue);
    if (!names.equals(stuck)) { // log each change once, not every round
      stuck = names;
      if (overdue.isEmpty()) {
        LOG.info("all pipeline loops make progress again; watchdog pings resume");
      } else {
        LOG.severe("pipeline loop(s) " + names + " made no progress for over " + intervalNanos / 1_000_000
            + " ms; withholding watchdog pings so that systemd restarts the service");
        notifier.status("stuck: pipeline " + names);
      }
    }
    if (overdue.isEmpty()) {
      notifier.watchdog();
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
