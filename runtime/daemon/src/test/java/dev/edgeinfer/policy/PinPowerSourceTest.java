package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.policy.PowerReading.Supply;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The GPIO seam with a mock pin: what a Pi4J input will feed it on the device. */
class PinPowerSourceTest {

  @Test
  void read_activeHigh_highIsMainsLowIsBattery() throws Exception {
    AtomicBoolean level = new AtomicBoolean(true);
    PinPowerSource source = new PinPowerSource("GPIO6", level::get, false);
    assertEquals(new PowerReading(Supply.MAINS, OptionalInt.empty(), "GPIO6 high (power good)"), source.read());
    level.set(false);
    assertEquals(new PowerReading(Supply.BATTERY, OptionalInt.empty(), "GPIO6 low (no external power)"), source.read());
  }

  @Test
  void read_activeLow_lowIsMains() throws Exception {
    PinPowerSource source = new PinPowerSource("GPIO6", () -> false, true);
    assertEquals(Supply.MAINS, source.read().supply());
  }
}
