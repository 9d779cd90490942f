package dev.edgeinfer.policy;

import java.util.OptionalDouble;

/**
 * The hottest CPU/SoC temperature the board reports (empty when it reports none), whether the
 * CPU is being throttled right now, and what the reading was made of.
 */
public record ThermalReading(OptionalDouble celsius, boolean throttled, String detail) {

  public static ThermalReading unknown(String detail) {
    return new ThermalReading(OptionalDouble.empty(), false, detail);
  }
}
