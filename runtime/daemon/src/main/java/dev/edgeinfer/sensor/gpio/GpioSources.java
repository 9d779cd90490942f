package dev.edgeinfer.sensor.gpio;

import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.hardware.HardwareException;
import dev.edgeinfer.sensor.PolledSource;
import dev.edgeinfer.sensor.SensorSource;
import dev.edgeinfer.sensor.Ticker;
import java.time.Clock;
import java.util.List;

/**
 * Opens a {@code type: gpio} sensor: {@code levels} and {@code counter} are polled on the sampling
 * scheduler like any bus sensor; {@code edges} are pushed by the pins.
 */
public final class GpioSources {
  private GpioSources() {}

  public static SensorSource open(SensorConfig.Gpio config, Hardware hardware, Ticker ticker, Clock clock)
      throws HardwareException {
    List<String> channels = GpioPins.channels(config);
    switch (config.mode()) {
      case EDGES: {
        GpioEdgeSource source = new GpioEdgeSource(config.name(), channels, ticker, clock);
        source.attach(GpioPins.open(config, hardware, ticker, source));
        return source;
      }
      case LEVELS: {
        List<DebouncedPin> pins = GpioPins.open(config, hardware, ticker, (p, high, at) -> { });
        return started(new PolledSource(config.name(), channels, config.rateHz(), new LevelsDevice(pins, ticker),
            ticker, clock));
      }
      case COUNTER: {
        List<DebouncedPin> pins = GpioPins.open(config, hardware, ticker, (p, high, at) -> { });
        // Sample k closes the window that slot k - 1 opened: the first sample is a whole window.
        return started(new PolledSource(config.name(), channels, 1000 / config.windowMs(),
            new CounterDevice(pins, config.edge(), ticker), ticker, clock).skipFirstSlot());
      }
      default:
        throw new IllegalArgumentException("unknown gpio mode " + config.mode());
    }
  }

  /** Reading pins cannot fail; starting now makes a counter count from the moment its pins are open. */
  private static PolledSource started(PolledSource source) {
    try {
      return source.start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a GPIO device does not fail to start", e);
    }
  }

  /** Each pin's debounced level, 0 or 1. */
  static final class LevelsDevice implements PolledSource.Device {
    private final List<DebouncedPin> pins;
    private final Ticker ticker;

    LevelsDevice(List<DebouncedPin> pins, Ticker ticker) {
      this.pins = pins;
      this.ticker = ticker;
    }

    @Override
    public void init() {}

    @Override
    public void read(float[] values) {
      long now = ticker.nanoTime();
      for (int i = 0; i < values.length; i++) {
        values[i] = pins.get(i).level(now) ? 1f : 0f;
      }
    }
  }

  /** Each pin's debounced edges of the configured kind since the previous read. */
  static final class CounterDevice implements PolledSource.Device {
    private final List<DebouncedPin> pins;
    private final SensorConfig.Edge edge;
    private final Ticker ticker;
    private final long[] last;

    CounterDevice(List<DebouncedPin> pins, SensorConfig.Edge edge, Ticker ticker) {
      this.pins = pins;
      this.edge = edge;
      this.ticker = ticker;
      this.last = new long[pins.size()];
    }

    /** The count starts now: edges before the source starts belong to no window. */
    @Override
    public void init() {
      long now = ticker.nanoTime();
      for (int i = 0; i < last.length; i++) {
        last[i] = count(pins.get(i), now);
      }
    }

    @Override
    public void read(float[] values) {
      long now = ticker.nanoTime();
      for (int i = 0; i < values.length; i++) {
        long total = count(pins.get(i), now);
        values[i] = total - last[i];
        last[i] = total;
      }
    }

    private long count(DebouncedPin pin, long now) {
      return switch (edge) {
        case RISING -> pin.rising(now);
        case FALLING -> pin.falling(now);
        case BOTH -> pin.rising(now) + pin.falling(now);
      };
    }
  }
}
