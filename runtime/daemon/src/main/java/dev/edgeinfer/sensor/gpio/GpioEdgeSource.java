package dev.edgeinfer.sensor.gpio;

import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import dev.edgeinfer.sensor.Ticker;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code mode: edges}: one sample per debounced edge of any pin, stamped with the edge's time and
 * carrying every pin's level just after it. {@link #next()} waits for the next edge, waking to settle
 * a pending change once its debounce time has passed.
 *
 * <p>Edges are queued between the provider's thread and the consumer; at most {@value #MAX_QUEUED}
 * wait, and beyond that the oldest are dropped (and counted), so a stalled pipeline cannot exhaust
 * memory on a chattering input.
 */
public final class GpioEdgeSource implements SensorSource, DebouncedPin.EdgeListener {
  private static final Logger LOG = Logger.getLogger(GpioEdgeSource.class.getName());
  static final int MAX_QUEUED = 10_000;

  private final String name;
  private final List<String> channels;
  private final Ticker ticker;
  private final Clock clock;
  private final ArrayDeque<Sample> queue = new ArrayDeque<>();
  private List<DebouncedPin> pins = List.of();
  private long dropped;
  private boolean closed;

  GpioEdgeSource(String name, List<String> channels, Ticker ticker, Clock clock) {
    this.name = name;
    this.channels = List.copyOf(channels);
    this.ticker = ticker;
    this.clock = clock;
  }

  void attach(List<DebouncedPin> pins) {
    this.pins = List.copyOf(pins);
  }

  /** A pin accepted an edge (called under the group's lock). */
  @Override
  public void edge(DebouncedPin pin, boolean high, long atNanos) {
    long ageMillis = (ticker.nanoTime() - atNanos) / 1_000_000;
    float[] values = new float[channels.size()];
    for (int i = 0; i < pins.size(); i++) {
      DebouncedPin p = pins.get(i);
      values[i] = (p == pin ? high : p.settledLevel()) ? 1f : 0f;
    }
    synchronized (queue) {
      if (queue.size() == MAX_QUEUED) {
        queue.removeFirst();
        if (dropped++ == 0) {
          LOG.warning("sensors." + name + ": more than " + MAX_QUEUED + " edges waiting; dropping the oldest");
        }
      }
      queue.addLast(new Sample(clock.millis() - ageMillis, values));
      queue.notifyAll();
    }
  }

  /** A raw change started its debounce time: wake {@link #next()} so it waits for that instead of forever. */
  @Override
  public void pending(DebouncedPin pin) {
    synchronized (queue) {
      queue.notifyAll();
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> channels() {
    return channels;
  }

  /** Edges come when they come: no nominal rate. */
  @Override
  public double sampleRateHz() {
    return 0;
  }

  @Override
  public Sample next() throws InterruptedException {
    while (true) {
      long now = ticker.nanoTime();
      long wakeAt = Long.MAX_VALUE;
      if (!pins.isEmpty()) {
        pins.get(0).settle(now); // settles the whole group
      }
      for (DebouncedPin p : pins) {
        wakeAt = Math.min(wakeAt, p.settlesAt());
      }
      synchronized (queue) {
        if (closed) {
          return null;
        }
        if (!queue.isEmpty()) {
          return queue.removeFirst();
        }
        if (wakeAt == Long.MAX_VALUE) {
          queue.wait();
        } else {
          long waitNanos = Math.max(1, wakeAt - ticker.nanoTime());
          queue.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
      }
    }
  }

  public long dropped() {
    synchronized (queue) {
      return dropped;
    }
  }

  @Override
  public void close() {
    pins.forEach(DebouncedPin::close);
    synchronized (queue) {
      closed = true;
      queue.notifyAll();
    }
  }
}
