package dev.edgeinfer.policy;

import java.util.OptionalInt;

/**
 * Where the board's power comes from right now, and the battery's charge when one reports it.
 * {@code detail} says what the reading was made of, for status and switch reasons.
 */
public record PowerReading(Supply supply, OptionalInt batteryPercent, String detail) {

  public enum Supply {
    MAINS, BATTERY, UNKNOWN;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static PowerReading unknown(String detail) {
    return new PowerReading(Supply.UNKNOWN, OptionalInt.empty(), detail);
  }
}
