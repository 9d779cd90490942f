package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code policy}: the device-wide half of the precision policy. Where power and temperature are
 * read, when FP32 is allowed at all, the hysteresis that keeps a signal hovering at a threshold
 * from flapping the precision, and the minimum time between two switches. What makes FP32 worth
 * it is per pipeline ({@link PrecisionConfig}). Immutable.
 */
public record PolicyConfig(
    int intervalMillis, double minDwellSeconds, PowerConfig power, ThermalConfig thermal, AllowConfig allow,
    HysteresisConfig hysteresis) {

  /** Every key at its default: sysfs signals under /sys, FP32 allowed on mains or battery ≥ 50 %, below 70 °C. */
  public static final PolicyConfig DEFAULTS = new PolicyConfig(1000, 30,
      new PowerConfig(PowerSourceKind.SYSFS, Path.of("/sys"), Optional.empty(), UnknownPower.MAINS),
      new ThermalConfig(ThermalSourceKind.SYSFS, Path.of("/sys")),
      new AllowConfig(true, 50, 70, false),
      new HysteresisConfig(5, 5, 0.02, 0));

  /**
   * {@code policy.power}: {@code sysfs} reads {@code SYSFS_ROOT/class/power_supply/*}; {@code
   * file} reads one line ({@code mains}, {@code battery} or {@code battery 42}) that a UPS HAT's
   * own daemon writes; {@code none} reports nothing. {@code unknownAs} says what "nothing found"
   * means: a Raspberry Pi on a wall supply has no power_supply entries at all.
   */
  public record PowerConfig(PowerSourceKind source, Path sysfsRoot, Optional<Path> file, UnknownPower unknownAs,
      Optional<String> sensor, boolean activeLow) {

    /** Without a power-good pin. */
    public PowerConfig(PowerSourceKind source, Path sysfsRoot, Optional<Path> file, UnknownPower unknownAs) {
      this(source, sysfsRoot, file, unknownAs, Optional.empty(), false);
    }
  }

  /** {@code policy.thermal}: {@code sysfs} reads {@code SYSFS_ROOT/class/thermal/thermal_zone*} and throttling. */
  public record ThermalConfig(ThermalSourceKind source, Path sysfsRoot) {}

  /** {@code policy.allow}: FP32 is allowed only while every condition holds. */
  public record AllowConfig(boolean onBattery, int minBatteryPercent, double maxCpuTemperatureC, boolean whenThrottled) {}

  /**
   * {@code policy.hysteresis}: how far past a threshold a signal must come back before FP32 is
   * allowed (or stops being worth it) again; leaving FP32 happens at the threshold itself.
   */
  public record HysteresisConfig(int batteryPercent, double temperatureC, double agreement, double difference) {}

  /** {@code gpio}: a power-good pin, read through a {@code gpio} sensor that no pipeline reads. */
  public enum PowerSourceKind {
    SYSFS, FILE, GPIO, NONE;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum ThermalSourceKind {
    SYSFS, NONE;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum UnknownPower {
    MAINS, BATTERY;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
