package dev.edgeinfer.pipeline;

import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import java.time.Clock;

/**
 * Samples a sensor that no pipeline reads (a UPS HAT's power-good pin, a room's BME280) on its own
 * thread, keeping the latest sample for {@code status} and for whoever needs the reading (the
 * precision policy's power signal). A failing read is retried and reported exactly as a pipeline's
 * sensor is ({@link SensorHealth}); the pipeline name in its events is empty.
 */
public final class SensorMonitor implements Runnable {
  private final SensorSource source;
  private final SensorReader reader;
  private volatile Sample latest;

  public SensorMonitor(SensorSource source, SensorEventSink events, RetryPolicy retry) {
    this.source = source;
    this.reader = new SensorReader(source, new SensorHealth(source.name(), "", retry, events, Clock.systemUTC()));
  }

  public SensorSource source() {
    return source;
  }

  /** The last sample read; null before the first. */
  public Sample latest() {
    return latest;
  }

  public SensorHealth.Snapshot health() {
    return reader.health();
  }

  public void stop() {
    reader.stop();
  }

  @Override
  public void run() {
    try {
      for (Sample sample = reader.next(() -> { }); sample != null; sample = reader.next(() -> { })) {
        latest = sample;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
