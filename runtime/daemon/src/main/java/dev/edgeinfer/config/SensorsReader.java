package dev.edgeinfer.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code sensors} section; {@code type} decides which keys a sensor may have. */
final class SensorsReader {

  /** The machine states the synthetic generator knows, in its default order. */
  static final List<String> STATES = List.of("idle", "normal", "imbalance", "bearing_wear");

  private static final List<String> SYNTHETIC_KEYS =
      List.of("type", "rateHz", "seed", "states", "stateSeconds", "realtime");
  private static final List<String> REPLAY_KEYS = List.of("type", "file", "realtime", "loop");

  private SensorsReader() {}

  static Map<String, SensorConfig> read(ConfigNode sensors) {
    Map<String, SensorConfig> out = new LinkedHashMap<>();
    sensors.namedEntries().forEach((name, sensor) -> readSensor(name, sensor).ifPresent(s -> out.put(name, s)));
    return out;
  }

  /** Empty when the type is missing or unknown: then no key list applies and nothing more is said. */
  private static Optional<SensorConfig> readSensor(String name, ConfigNode sensor) {
    Optional<String> type = sensor.requiredString("type");
    if (type.isEmpty()) {
      return Optional.empty();
    }
    switch (type.get()) {
      case "synthetic":
        return Optional.of(synthetic(name, sensor));
      case "replay":
        return Optional.of(replay(name, sensor));
      case "gpio":
        return Optional.of(HardwareSensorsReader.gpio(name, sensor));
      case "i2c":
        return Optional.ofNullable(HardwareSensorsReader.i2c(name, sensor));
      case "spi":
        return Optional.ofNullable(HardwareSensorsReader.spi(name, sensor));
      default:
        sensor.problem("type", "must be one of synthetic, replay, gpio, i2c, spi, got " + ConfigNode.quote(type.get()));
        return Optional.empty();
    }
  }

  private static SensorConfig synthetic(String name, ConfigNode sensor) {
    sensor.allowOnly(SYNTHETIC_KEYS);
    double rateHz = sensor.positive("rateHz", 400, 100_000);
    long seed = sensor.longInteger("seed", 1);
    List<String> states = sensor.strings("states", STATES,
        s -> STATES.contains(s) ? null : "must be one of " + String.join(", ", STATES) + ", got " + ConfigNode.quote(s));
    if (sensor.has("states") && states.isEmpty()) {
      sensor.problem("states", "must name at least one state");
    }
    double stateSeconds = sensor.positive("stateSeconds", 10, Double.MAX_VALUE);
    boolean realtime = sensor.bool("realtime", true);
    return new SensorConfig.Synthetic(name, rateHz, seed, states, stateSeconds, realtime);
  }

  private static SensorConfig replay(String name, ConfigNode sensor) {
    sensor.allowOnly(REPLAY_KEYS);
    return new SensorConfig.Replay(
        name, sensor.requiredFile("file"), sensor.bool("realtime", true), sensor.bool("loop", false));
  }
}
