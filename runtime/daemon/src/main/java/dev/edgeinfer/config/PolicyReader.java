package dev.edgeinfer.config;

import dev.edgeinfer.config.PolicyConfig.AllowConfig;
import dev.edgeinfer.config.PolicyConfig.HysteresisConfig;
import dev.edgeinfer.config.PolicyConfig.PowerConfig;
import dev.edgeinfer.config.PolicyConfig.PowerSourceKind;
import dev.edgeinfer.config.PolicyConfig.ThermalConfig;
import dev.edgeinfer.config.PolicyConfig.ThermalSourceKind;
import dev.edgeinfer.config.PolicyConfig.UnknownPower;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the optional {@code policy} section; every key has a default ({@link PolicyConfig#DEFAULTS}). */
final class PolicyReader {

  private static final List<String> KEYS = List.of("intervalMillis", "minDwellSeconds", "power", "thermal", "allow",
      "hysteresis");
  private static final List<String> POWER_KEYS = List.of("source", "sysfsRoot", "file", "unknownAs", "sensor",
      "activeLow");
  private static final List<String> THERMAL_KEYS = List.of("source", "sysfsRoot");
  private static final List<String> ALLOW_KEYS = List.of("onBattery", "minBatteryPercent", "maxCpuTemperatureC",
      "whenThrottled");
  private static final List<String> HYSTERESIS_KEYS = List.of("batteryPercent", "temperatureC", "agreement",
      "difference");
  private static final double DAY_SECONDS = 86_400;

  private PolicyReader() {}

  static PolicyConfig read(ConfigNode policy) {
    PolicyConfig d = PolicyConfig.DEFAULTS;
    policy.allowOnly(KEYS);
    return new PolicyConfig(
        policy.integer("intervalMillis", d.intervalMillis(), 10, 3_600_000),
        policy.number("minDwellSeconds", d.minDwellSeconds(), 0, DAY_SECONDS),
        power(policy.mapping("power", false), d.power()),
        thermal(policy.mapping("thermal", false), d.thermal()),
        allow(policy.mapping("allow", false), d.allow()),
        hysteresis(policy.mapping("hysteresis", false), d.hysteresis()));
  }

  private static PowerConfig power(ConfigNode power, PowerConfig d) {
    power.allowOnly(POWER_KEYS);
    PowerSourceKind source = power.choice("source", d.source(), PowerSourceKind::configName);
    Path sysfsRoot = power.path("sysfsRoot").orElse(d.sysfsRoot());
    Optional<Path> file = power.path("file");
    if (source == PowerSourceKind.FILE && file.isEmpty() && power.isPresent()) {
      power.problem("file", "required when source is file (a file holding mains, battery or battery PERCENT)");
    }
    Optional<String> sensor = power.string("sensor");
    if (source == PowerSourceKind.GPIO && sensor.isEmpty() && power.isPresent()) {
      power.problem("sensor", "required when source is gpio (a gpio sensor, mode levels, on the power-good pin)");
    }
    return new PowerConfig(source, sysfsRoot, file, power.choice("unknownAs", d.unknownAs(), UnknownPower::configName),
        sensor, power.bool("activeLow", false));
  }

  /**
   * A {@code gpio} power source reads a power-good pin through a sensor of its own: it must be a
   * {@code gpio} sensor sampling levels, and no pipeline may read it (a pipeline owns its source).
   */
  static void checkPowerSensor(ConfigNode root, PolicyConfig policy, Map<String, SensorConfig> sensors,
      Map<String, PipelineConfig> pipelines) {
    if (policy.power().source() != PowerSourceKind.GPIO || policy.power().sensor().isEmpty()) {
      return;
    }
    String name = policy.power().sensor().get();
    ConfigNode power = root.mapping("policy", false).mapping("power", false);
    SensorConfig sensor = sensors.get(name);
    if (sensor == null) {
      power.problem("sensor", "no sensor named \"" + name + "\" (sensors: " + String.join(", ", sensors.keySet()) + ")");
    } else if (!(sensor instanceof SensorConfig.Gpio gpio) || gpio.mode() != SensorConfig.GpioMode.LEVELS) {
      power.problem("sensor", "\"" + name + "\" must be a gpio sensor with mode levels");
    } else if (pipelines.values().stream().anyMatch(p -> p.source().equals(name))) {
      power.problem("sensor", "\"" + name + "\" is read by a pipeline; the power-good pin needs a sensor of its own");
    }
  }

  private static ThermalConfig thermal(ConfigNode thermal, ThermalConfig d) {
    thermal.allowOnly(THERMAL_KEYS);
    return new ThermalConfig(thermal.choice("source", d.source(), ThermalSourceKind::configName),
        thermal.path("sysfsRoot").orElse(d.sysfsRoot()));
  }

  private static AllowConfig allow(ConfigNode allow, AllowConfig d) {
    allow.allowOnly(ALLOW_KEYS);
    return new AllowConfig(
        allow.bool("onBattery", d.onBattery()),
        allow.integer("minBatteryPercent", d.minBatteryPercent(), 0, 100),
        allow.number("maxCpuTemperatureC", d.maxCpuTemperatureC(), -40, 150),
        allow.bool("whenThrottled", d.whenThrottled()));
  }

  private static HysteresisConfig hysteresis(ConfigNode h, HysteresisConfig d) {
    h.allowOnly(HYSTERESIS_KEYS);
    return new HysteresisConfig(
        h.integer("batteryPercent", d.batteryPercent(), 0, 100),
        h.number("temperatureC", d.temperatureC(), 0, 100),
        h.number("agreement", d.agreement(), 0, 1),
        h.number("difference", d.difference(), 0, Double.MAX_VALUE));
  }
}
