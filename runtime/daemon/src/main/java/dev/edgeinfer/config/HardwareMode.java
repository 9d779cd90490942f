package dev.edgeinfer.config;

import java.util.Locale;

/**
 * {@code hardware}: where GPIO, I2C and SPI go. {@code auto} uses the real pins on a Raspberry Pi
 * and Pi4J's mock platform anywhere else; {@code pi} insists on the real pins (a start on another
 * machine fails and says so); {@code mock} never touches hardware, even on a Pi.
 */
public enum HardwareMode {
  AUTO, MOCK, PI;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
