package dev.edgeinfer.policy;

import java.io.IOException;

/**
 * The seam for a GPIO "power good" line (a UPS HAT or PMIC pulls it high while external power is
 * present). The policy knows only this; the Pi4J digital input that reads the real pin lives with
 * the GPIO sensors (issue 7) and implements it, and {@link PinPowerSource} turns it into power
 * readings. Called from the policy's thread only.
 */
@FunctionalInterface
public interface PowerGoodPin {

  /** The line's level now: true for high. */
  boolean isHigh() throws IOException;
}
