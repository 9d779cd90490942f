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
  private volatile boolean stopping;

  SensorReader(SensorSource source, SensorHealth health) {
    this.source = source;
    this.health = health;
  }

  /**
   * The next sample, or null when the stream has ended or {@link #stop()} was called.
   * {@code onOutage} runs after each failed read, before the pause (a pipeline drops its window
   * in progress there, so that none spans the gap).
   */
  Sample next(Runnable onOutage) throws InterruptedException {
    while (!stopping) {
      try {
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
        pause.waitFor(health.failed(e));
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
