package dev.edgeinfer.policy;

import dev.edgeinfer.config.PolicyConfig;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Reads the device-wide signals (power, temperature) once per policy round and keeps the latest
 * readings for every pipeline's rules and for status. A source that fails reads as unknown with
 * the failure as its detail, logged once per distinct failure (not once a second).
 *
 * <p>{@link #sample()} runs on the policy's thread; {@link #latest()} may be read from any
 * thread (a volatile reference to an immutable snapshot).
 */
public final class DeviceSignals {
  private static final Logger LOG = Logger.getLogger(DeviceSignals.class.getName());

  /** One round's readings. */
  public record Snapshot(PowerReading power, ThermalReading thermal) {}

  private final PowerSource power;
  private final ThermalSource thermal;
  private volatile Snapshot latest = new Snapshot(PowerReading.unknown("not read yet"),
      ThermalReading.unknown("not read yet"));
  private String lastPowerError;
  private String lastThermalError;

  public DeviceSignals(PowerSource power, ThermalSource thermal) {
    this.power = power;
    this.thermal = thermal;
  }

  /** The sources a policy config names (without GPIO sensors: a {@code gpio} power source then reads nothing). */
  public static DeviceSignals of(PolicyConfig config) {
    return of(config, name -> java.util.Optional.empty());
  }

  /**
   * The sources a policy config names; {@code sensors} finds the monitor of the sensor a
   * {@code gpio} power source reads (its latest level is the power-good line).
   */
  public static DeviceSignals of(PolicyConfig config,
      java.util.function.Function<String, java.util.Optional<dev.edgeinfer.pipeline.SensorMonitor>> sensors) {
    PowerSource p = switch (config.power().source()) {
      case SYSFS -> new SysfsPowerSource(config.power().sysfsRoot());
      case FILE -> new FilePowerSource(config.power().file().orElseThrow());
      case GPIO -> gpio(config.power().sensor().orElseThrow(), config.power().activeLow(), sensors);
      case NONE -> () -> PowerReading.unknown("policy.power.source is none");
    };
    ThermalSource t = switch (config.thermal().source()) {
      case SYSFS -> new SysfsThermalSource(config.thermal().sysfsRoot());
      case NONE -> () -> ThermalReading.unknown("policy.thermal.source is none");
    };
    return new DeviceSignals(p, t);
  }

  private static PowerSource gpio(String sensor, boolean activeLow,
      java.util.function.Function<String, java.util.Optional<dev.edgeinfer.pipeline.SensorMonitor>> sensors) {
    PowerGoodPin pin = () -> {
      var monitor = sensors.apply(sensor)
          .orElseThrow(() -> new java.io.IOException("sensor " + sensor + " is not being sampled"));
      var latest = monitor.latest();
      if (latest == null) {
        throw new java.io.IOException("sensor " + sensor + " has no reading yet");
      }
      return latest.values()[0] >= 0.5f;
    };
    return new PinPowerSource("sensor " + sensor, pin, activeLow);
  }

  public Snapshot sample() {
    PowerReading pr;
    try {
      pr = power.read();
      lastPowerError = null;
    } catch (Exception e) {
      String why = "power unreadable: " + e.getMessage();
      if (!Objects.equals(why, lastPowerError)) {
        LOG.warning("precision policy: " + why);
        lastPowerError = why;
      }
      pr = PowerReading.unknown(why);
    }
    ThermalReading tr;
    try {
      tr = thermal.read();
      lastThermalError = null;
    } catch (Exception e) {
      String why = "temperature unreadable: " + e.getMessage();
      if (!Objects.equals(why, lastThermalError)) {
        LOG.warning("precision policy: " + why);
        lastThermalError = why;
      }
      tr = ThermalReading.unknown(why);
    }
    Snapshot s = new Snapshot(pr, tr);
    latest = s;
    return s;
  }

  public Snapshot latest() {
    return latest;
  }
}
