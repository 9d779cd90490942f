package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code sensors.NAME}: one source of samples. The permitted subtypes are the source kinds. */
public sealed interface SensorConfig
    permits SensorConfig.Synthetic, SensorConfig.Replay, SensorConfig.Gpio, SensorConfig.Mpu6050,
        SensorConfig.Bme280, SensorConfig.Mcp3008 {

  String name();

  /** True for sources on pins and buses: each is opened once, so it feeds one pipeline. */
  default boolean isHardware() {
    return false;
  }

  /**
   * {@code type: synthetic}: a seeded 3-axis vibration generator that walks through machine
   * states, {@code stateSeconds} each, in the order given (then repeats).
   */
  record Synthetic(
      String name, double rateHz, long seed, List<String> states, double stateSeconds, boolean realtime)
      implements SensorConfig {
    public Synthetic {
      states = List.copyOf(states);
    }
  }

  /**
   * {@code type: replay}: a CSV file ({@code timestamp_ms,ch1,ch2,...} with a header line naming
   * the channels), played at its own timing when {@code realtime}, else as fast as it is read.
   */
  record Replay(String name, Path file, boolean realtime, boolean loop) implements SensorConfig {}

  /**
   * {@code type: gpio}: digital inputs (BCM numbers), one channel per pin named {@code gpioN}.
   * {@code levels}: each pin's debounced level (0 or 1) sampled at {@code rateHz}; {@code edges}: a
   * sample at each debounced edge of any pin, carrying every pin's level; {@code counter}: every
   * {@code windowMs}, the number of debounced {@code edge}s of each pin in that window.
   */
  record Gpio(String name, List<Integer> pins, GpioMode mode, Pull pull, double debounceMs, double rateHz,
      double windowMs, Edge edge) implements SensorConfig {
    public Gpio {
      pins = List.copyOf(pins);
    }

    @Override
    public boolean isHardware() {
      return true;
    }
  }

  /**
   * {@code type: i2c, device: mpu6050}: accelerometer (g) and gyroscope (degrees/s) at {@code
   * rateHz}, full scale {@code accelRangeG} and {@code gyroRangeDps}; {@code channels} picks from
   * ax, ay, az, gx, gy, gz, temp (degrees C).
   */
  record Mpu6050(String name, int bus, int address, double rateHz, int accelRangeG, int gyroRangeDps,
      List<String> channels) implements SensorConfig {
    public static final List<String> CHANNELS = List.of("ax", "ay", "az", "gx", "gy", "gz", "temp");

    public Mpu6050 {
      channels = List.copyOf(channels);
    }

    @Override
    public boolean isHardware() {
      return true;
    }
  }

  /**
   * {@code type: i2c, device: bme280}: temperature (degrees C), humidity (% RH) and pressure (hPa)
   * at {@code rateHz}, compensated as the datasheet specifies; {@code channels} picks from those.
   */
  record Bme280(String name, int bus, int address, double rateHz, List<String> channels) implements SensorConfig {
    public static final List<String> CHANNELS = List.of("temperature", "humidity", "pressure");

    public Bme280 {
      channels = List.copyOf(channels);
    }

    @Override
    public boolean isHardware() {
      return true;
    }
  }

  /**
   * {@code type: spi, device: mcp3008}: single-ended channels 0..7 of a 10-bit ADC on SPI {@code
   * bus} and {@code chipSelect}, as volts against {@code vref} or as raw counts, at {@code rateHz}.
   */
  record Mcp3008(String name, int bus, int chipSelect, List<Integer> channels, double vref, AdcUnit unit,
      double rateHz, int baud) implements SensorConfig {
    public Mcp3008 {
      channels = List.copyOf(channels);
    }

    @Override
    public boolean isHardware() {
      return true;
    }
  }

  enum GpioMode {
    LEVELS, EDGES, COUNTER;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  enum Pull {
    OFF, UP, DOWN;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  enum Edge {
    RISING, FALLING, BOTH;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  enum AdcUnit {
    VOLTS, COUNTS;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
