package dev.edgeinfer.sensor;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A source read by polling a device at a fixed rate: the {@link SampleScheduler} says when, the
 * {@link Device} reads. A device that failed is initialised again before its next read, because a
 * sensor that lost power comes back in its reset state (asleep, default ranges).
 *
 * <p>One consumer thread calls {@link #next()}; {@link #close()} may come from another thread and
 * ends a waiting {@code next()}, which then returns null.
 */
public final class PolledSource implements SensorSource {

  /** One chip behind a bus: set it up, then read one value per channel. */
  public interface Device {
    void init() throws IOException;

    void read(float[] values) throws IOException;
  }

  private final String name;
  private final List<String> channels;
  private final Device device;
  private final SampleScheduler scheduler;
  private final Ticker ticker;
  private final Clock clock;
  private volatile boolean closed;
  private boolean ready;

  public PolledSource(String name, List<String> channels, double rateHz, Device device, Ticker ticker, Clock clock) {
    this.name = name;
    this.channels = List.copyOf(channels);
    this.device = device;
    this.ticker = ticker;
    this.clock = clock;
    this.scheduler = new SampleScheduler(rateHz, ticker);
  }

  /** See {@link SampleScheduler#skipFirstSlot()}. */
  public PolledSource skipFirstSlot() {
    scheduler.skipFirstSlot();
    return this;
  }

  /** Initialises the device now, so that a wrong chip or wiring fails the daemon's start. */
  public PolledSource start() throws IOException {
    device.init();
    ready = true;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> channels() {
    return channels;
  }

  @Override
  public double sampleRateHz() {
    return scheduler.rateHz();
  }

  @Override
  public Sample next() throws IOException, InterruptedException {
    if (closed || scheduler.awaitNext() < 0 || closed) {
      return null;
    }
    float[] values = new float[channels.size()];
    try {
      if (!ready) {
        device.init();
        ready = true;
      }
      device.read(values);
    } catch (IOException e) {
      ready = false;
      throw e;
    }
    return new Sample(clock.millis(), values);
  }

  @Override
  public Optional<SamplingStats> sampling() {
    return Optional.of(scheduler.stats());
  }

  @Override
  public void close() {
    closed = true;
    ticker.wake();
  }
}
