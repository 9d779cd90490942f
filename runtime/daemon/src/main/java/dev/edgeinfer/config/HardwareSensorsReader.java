package dev.edgeinfer.config;

import dev.edgeinfer.config.SensorConfig.AdcUnit;
import dev.edgeinfer.config.SensorConfig.Edge;
import dev.edgeinfer.config.SensorConfig.GpioMode;
import dev.edgeinfer.config.SensorConfig.Pull;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the sensors on pins and buses: {@code type: gpio}, {@code type: i2c} ({@code device:
 * mpu6050 | bme280}) and {@code type: spi} ({@code device: mcp3008}). Ranges follow the chips:
 * what the datasheet cannot do is refused here rather than at the first read.
 */
final class HardwareSensorsReader {

  /** BCM GPIO numbers on the 40-pin header. */
  static final int MAX_PIN = 27;
  private static final List<String> GPIO_COMMON = List.of("type", "pins", "mode", "pull", "debounceMs");
  private static final List<String> MPU6050_KEYS =
      List.of("type", "device", "bus", "address", "rateHz", "accelRangeG", "gyroRangeDps", "channels");
  private static final List<String> BME280_KEYS = List.of("type", "device", "bus", "address", "rateHz", "channels");
  private static final List<String> MCP3008_KEYS =
      List.of("type", "device", "bus", "chipSelect", "channels", "vref", "unit", "rateHz", "baud");

  private HardwareSensorsReader() {}

  static SensorConfig gpio(String name, ConfigNode s) {
    GpioMode mode = s.choice("mode", GpioMode.LEVELS, GpioMode::configName);
    List<String> keys = new ArrayList<>(GPIO_COMMON);
    switch (mode) {
      case LEVELS -> keys.add("rateHz");
      case COUNTER -> keys.addAll(List.of("windowMs", "edge"));
      case EDGES -> { }
    }
    s.allowOnly(keys);
    List<Integer> pins = s.integers("pins", List.of(), 0, MAX_PIN);
    if (!s.has("pins")) {
      s.problem("pins", "required key is missing");
    } else if (s.listSize("pins") == 0) {
      s.problem("pins", "must name at least one BCM GPIO number (0.." + MAX_PIN + ")");
    }
    Pull pull = s.choice("pull", Pull.OFF, Pull::configName);
    double debounceMs = s.number("debounceMs", 0, 0, 1000);
    double rateHz = s.positive("rateHz", 10, 10_000);
    double windowMs = s.number("windowMs", 1000, 1, 3_600_000);
    Edge edge = s.choice("edge", Edge.RISING, Edge::configName);
    return new SensorConfig.Gpio(name, pins, mode, pull, debounceMs, rateHz, windowMs, edge);
  }

  static SensorConfig i2c(String name, ConfigNode s) {
    Optional<String> device = s.requiredString("device");
    if (device.isEmpty()) {
      return null;
    }
    switch (device.get()) {
      case "mpu6050":
        return mpu6050(name, s);
      case "bme280":
        return bme280(name, s);
      default:
        s.problem("device", "must be one of mpu6050, bme280 for type i2c, got " + ConfigNode.quote(device.get()));
        return null;
    }
  }

  private static SensorConfig mpu6050(String name, ConfigNode s) {
    s.allowOnly(MPU6050_KEYS);
    int bus = s.integer("bus", 1, 0, 255);
    // AD0 low: 0x68, AD0 high: 0x69.
    int address = address(s, 0x68, "AD0 low", "AD0 high");
    // The accelerometer's output rate is 1 kHz: polling faster only repeats samples.
    double rateHz = s.positive("rateHz", 400, 1000);
    int accel = oneOf(s, "accelRangeG", 2, List.of(2, 4, 8, 16));
    int gyro = oneOf(s, "gyroRangeDps", 250, List.of(250, 500, 1000, 2000));
    List<String> channels = channels(s, List.of("ax", "ay", "az"), SensorConfig.Mpu6050.CHANNELS);
    return new SensorConfig.Mpu6050(name, bus, address, rateHz, accel, gyro, channels);
  }

  private static SensorConfig bme280(String name, ConfigNode s) {
    s.allowOnly(BME280_KEYS);
    int bus = s.integer("bus", 1, 0, 255);
    // SDO low: 0x76, SDO high: 0x77.
    int address = address(s, 0x76, "SDO low", "SDO high");
    // One measurement with 1x oversampling takes up to 9.3 ms (datasheet 9.1): about 100 per second at most.
    double rateHz = s.positive("rateHz", 1, 100);
    List<String> channels = channels(s, SensorConfig.Bme280.CHANNELS, SensorConfig.Bme280.CHANNELS);
    return new SensorConfig.Bme280(name, bus, address, rateHz, channels);
  }

  static SensorConfig spi(String name, ConfigNode s) {
    Optional<String> device = s.requiredString("device");
    if (device.isEmpty()) {
      return null;
    }
    if (!device.get().equals("mcp3008")) {
      s.problem("device", "must be mcp3008 for type spi, got " + ConfigNode.quote(device.get()));
      return null;
    }
    s.allowOnly(MCP3008_KEYS);
    int bus = s.integer("bus", 0, 0, 6);
    int chipSelect = s.integer("chipSelect", 0, 0, 2);
    if (!s.has("channels")) {
      s.problem("channels", "required key is missing");
    }
    List<Integer> channels = s.integers("channels", List.of(), 0, 7);
    if (s.has("channels") && channels.isEmpty()) {
      s.problem("channels", "must name at least one input, 0..7");
    }
    double vref = s.positive("vref", 3.3, 5.5);
    AdcUnit unit = s.choice("unit", AdcUnit.VOLTS, AdcUnit::configName);
    double rateHz = s.positive("rateHz", 100, 5000);
    // The MCP3008 is specified to 3.6 MHz at 5 V and 1.35 MHz at 2.7 V.
    int baud = s.integer("baud", 1_000_000, 10_000, 3_600_000);
    return new SensorConfig.Mcp3008(name, bus, chipSelect, channels, vref, unit, rateHz, baud);
  }

  /** The chip's two addresses, {@code first} and {@code first + 1}, chosen by a pin; hex in messages. */
  private static int address(ConfigNode s, int first, String lowPin, String highPin) {
    int v = s.integer("address", first, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (v != first && v != first + 1) {
      s.problem("address", String.format("must be 0x%02x (%s) or 0x%02x (%s), got 0x%02x", first, lowPin, first + 1,
          highPin, v));
      return first;
    }
    return v;
  }

  private static int oneOf(ConfigNode s, String key, int defaultValue, List<Integer> allowed) {
    int v = s.integer(key, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (!allowed.contains(v)) {
      s.problem(key, "must be one of " + allowed.stream().map(String::valueOf)
          .collect(Collectors.joining(", ")) + ", got " + v);
      return defaultValue;
    }
    return v;
  }

  private static List<String> channels(ConfigNode s, List<String> defaults, List<String> known) {
    List<String> channels = s.strings("channels", defaults, c -> known.contains(c)
        ? null : "must be one of " + String.join(", ", known) + ", got " + ConfigNode.quote(c));
    if (s.has("channels") && channels.isEmpty()) {
      s.problem("channels", "must name at least one of " + String.join(", ", known));
    }
    if (channels.stream().distinct().count() != channels.size()) {
      s.problem("channels", "names a channel twice");
    }
    return channels;
  }
}
