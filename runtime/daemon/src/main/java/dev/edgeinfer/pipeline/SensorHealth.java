package dev.edgeinfer.pipeline;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pipeline's view of its sensor's health: an outage starts at the first failed read and ends
 * at the next good one. Each outage is logged and reported as one {@code failing} event at its
 * start and one {@code recovered} event at its end, however many retries it takes; the retry delay
 * grows by the {@link RetryPolicy}.
 *
 * <p>Written by the pipeline thread; {@link #snapshot()} may be called from any thread.
 */
public final class SensorHealth {
  private static final Logger LOG = Logger.getLogger(SensorHealth.class.getName());

  /** For {@code status}. */
  public record Snapshot(boolean failing, long outages, int retries, String lastError) {}

  private final String sensor;
  private final String pipeline;
  private final RetryPolicy retry;
  private final SensorEventSink events;
  private final Clock clock;
  private final String where;
  private boolean failing;
  private long outageStartMillis;
  private int retries;
  private long outages;
  private String lastError;

  public SensorHealth(String sensor, String pipeline, RetryPolicy retry, SensorEventSink events, Clock clock) {
    this.sensor = sensor;
    this.pipeline = pipeline;
    this.retry = retry;
    this.events = events;
    this.clock = clock;
    this.where = pipeline.isEmpty() ? "sensors." + sensor : "pipelines." + pipeline + ": sensor " + sensor;
  }

  /** Records a failed read; returns how long to wait before the next one. */
  public long failed(Exception error) {
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    synchronized (this) {
      lastError = message;
      if (failing) {
        return retry.delayMillis(retries++);
      }
      failing = true;
      outages++;
      retries = 0;
      outageStartMillis = clock.millis();
    }
    LOG.warning(where + " failed: " + message + "; retrying, first in "
        + retry.delayMillis(0) + " ms, then backing off to " + retry.maxMillis() + " ms");
    report(new SensorEvent(sensor, pipeline, SensorEvent.State.FAILING, message, 0, 0, outageStartMillis));
    return retry.delayMillis(retries++);
  }

  /** Records a good read; ends an outage if there is one. Returns true when it did. */
  public boolean ok() {
    long down;
    int tries;
    synchronized (this) {
      if (!failing) {
        return false;
      }
      failing = false;
      down = clock.millis() - outageStartMillis;
      tries = retries;
    }
    LOG.info(where + " is answering again after " + down + " ms ("
        + tries + " retries)");
    report(new SensorEvent(sensor, pipeline, SensorEvent.State.RECOVERED, null, down, tries, clock.millis()));
    return true;
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(failing, outages, failing ? retries : 0, lastError);
  }

  private void report(SensorEvent event) {
    try {
      events.accept(event);
    } catch (Exception e) {
      LOG.log(Level.WARNING, where + ": event not delivered: " + e.getMessage());
    }
  }
}
