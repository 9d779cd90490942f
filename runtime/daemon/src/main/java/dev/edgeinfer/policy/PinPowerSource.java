package dev.edgeinfer.policy;

import dev.edgeinfer.policy.PowerReading.Supply;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * Mains or battery from a "power good" pin: asserted means external power, not asserted means the
 * board runs on its battery (whose charge the pin cannot tell, so a battery rule that needs a
 * percentage keeps FP32 off). {@code activeLow} for boards that pull the line low when power is good.
 */
public final class PinPowerSource implements PowerSource {
  private final PowerGoodPin pin;
  private final boolean activeLow;
  private final String name;

  public PinPowerSource(String name, PowerGoodPin pin, boolean activeLow) {
    this.name = name;
    this.pin = pin;
    this.activeLow = activeLow;
  }

  @Override
  public PowerReading read() throws IOException {
    boolean high = pin.isHigh();
    boolean good = high != activeLow;
    return new PowerReading(good ? Supply.MAINS : Supply.BATTERY, OptionalInt.empty(),
        name + (high ? " high" : " low") + (good ? " (power good)" : " (no external power)"));
  }
}
