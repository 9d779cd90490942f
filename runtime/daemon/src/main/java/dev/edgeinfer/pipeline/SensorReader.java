package dev.edgeinfer.pipeline;

import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import java.io.IOException;

/**
 * Reads a source the way every consumer of one (a pipeline, a monitored sensor) must: a failed read
 * is reported to {@link SensorHealth} (one event per outage, one on recovery) and retried after its
 * growing pause, and nothing else stops. {@link #stop()} ends a blocked read or pause at once.
 *
 * <p>One thread calls {@link #next}; any thread may call {@link #stop()}.
 */
final class SensorReader {
  private final SensorSource source;
  private final SensorHealth health;
  private final Pause pause = new Pause();
  private final Heartbeat heartbeat;
  /** How long one read may block: a real-time source waits up to one sample period. */
  private final long readMillis;
  private volatile boolean stopping;

  SensorReader(SensorSource source, SensorHealth health) {
    this(source, health, new Heartbeat(System::nanoTime));
  }

  /** Beats {@code heartbeat} before each read and each retry pause (the systemd watchdog reads it). */
  SensorReader(SensorSource source, SensorHealth health, Heartbeat heartbeat) {
    this.source = source;
    this.health = health;
    this.heartbeat = heartbeat;
    double rate = source.sampleRateHz();
    this.readMillis = rate > 0 ? (long) Math.ceil(1000 / rate) : 0;
  }

  /**
   * The next sample, or null when the stream has ended or {@link #stop()} was called.
   * {@code onOutage} runs after each failed read, before the pause (a pipeline drops its window
   * in progress there, so that none spans the gap).
   */
  Sample next(Runnable onOutage) throws InterruptedException {
    while (!stopping) {
      try {
        heartbeat.beat(readMillis);
        Sample sample = source.next();
        if (sample != null) {
          health.ok();
        }
        return sample;
      } catch (IOException e) {
        if (stopping) {
          return null;
        }
        onOutage.run();
        long delay = health.failed(e);
        heartbeat.beat(delay + readMillis);
        pause.waitFor(delay);
      }
    }
    return null;
  }

  SensorHealth.Snapshot health() {
    return health.snapshot();
  }

  void stop() {
    stopping = true;
    source.close();
    pause.cancel();
  }
}
