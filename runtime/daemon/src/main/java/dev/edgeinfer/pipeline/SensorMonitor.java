package dev.edgeinfer.pipeline;

import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import java.io.IOException;
import java.time.Clock;

/**
 * Samples a sensor that no pipeline reads (a UPS HAT's power-good pin, a room's BME280) on its own
 * thread, keeping the latest sample for {@code status} and for whoever needs the reading (the
 * precision policy's power signal). A failing read is retried and reported exactly as a pipeline's
 * sensor is ({@link SensorHealth}); the pipeline name in its events is empty.
 */
public final class SensorMonitor implements Runnable {
  private final SensorSource source;
  private final SensorHealth health;
  private final Pause pause = new Pause();
  private volatile Sample latest;
  private volatile boolean stopping;

  public SensorMonitor(SensorSource source, SensorEventSink events, RetryPolicy retry) {
    this.source = source;
    this.health = new SensorHealth(source.name(), "", retry, events, Clock.systemUTC());
  }

  public SensorSource source() {
    return source;
  }

  /** The last sample read; null before the first. */
  public Sample latest() {
    return latest;
  }

  public SensorHealth.Snapshot health() {
    return health.snapshot();
  }

  public void stop() {
    stopping = true;
    source.close();
    pause.cancel();
  }

  @Override
  public void run() {
    while (!stopping) {
      try {
        Sample sample = source.next();
        if (sample == null) {
          return;
        }
        health.ok();
        latest = sample;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        if (stopping) {
          return;
        }
        pause.waitFor(health.failed(e));
      }
    }
  }
}
