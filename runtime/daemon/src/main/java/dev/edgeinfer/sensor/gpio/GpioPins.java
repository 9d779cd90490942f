package dev.edgeinfer.sensor.gpio;

import com.pi4j.io.gpio.digital.PullResistance;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.hardware.HardwareException;
import dev.edgeinfer.sensor.Ticker;
import java.util.ArrayList;
import java.util.List;

/** The pins of one {@code type: gpio} sensor, opened through the daemon's {@link Hardware}. */
final class GpioPins {
  private GpioPins() {}

  static List<DebouncedPin> open(SensorConfig.Gpio config, Hardware hardware, Ticker ticker,
      DebouncedPin.EdgeListener listener) throws HardwareException {
    PullResistance pull = switch (config.pull()) {
      case UP -> PullResistance.PULL_UP;
      case DOWN -> PullResistance.PULL_DOWN;
      case OFF -> PullResistance.OFF;
    };
    long debounceNanos = Math.round(config.debounceMs() * 1_000_000);
    List<DebouncedPin> pins = new ArrayList<>();
    Object lock = new Object();
    for (int pin : config.pins()) {
      pins.add(new DebouncedPin(hardware.input("sensors." + config.name(), pin, pull), pin, debounceNanos,
          ticker::nanoTime, listener, lock));
    }
    DebouncedPin.group(pins);
    return pins;
  }

  static List<String> channels(SensorConfig.Gpio config) {
    return config.pins().stream().map(p -> "gpio" + p).toList();
  }
}
