package dev.edgeinfer.action;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.logging.Logger;

/**
 * A GPIO output with an active state and a safe state (its opposite). It starts safe (the
 * provider drives the initial state when the pin is opened) and {@link #safe()} is what every
 * shutdown path ends with. Errors driving the pin are logged, not thrown: an action must never stop
 * a pipeline.
 *
 * <p>Thread-safe.
 */
public final class OutputPin {
  private static final Logger LOG = Logger.getLogger(OutputPin.class.getName());
  private final DigitalOutput output;
  private final String owner;
  private final DigitalState active;
  private final DigitalState safe;

  public OutputPin(DigitalOutput output, String owner, boolean activeHigh) {
    this.output = output;
    this.owner = owner;
    this.active = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
    this.safe = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
  }

  public static DigitalState safeState(boolean activeHigh) {
    return activeHigh ? DigitalState.LOW : DigitalState.HIGH;
  }

  public synchronized void activate() {
    drive(active);
  }

  public synchronized void safe() {
    drive(safe);
  }

  public synchronized boolean isActive() {
    return output.state() == active;
  }

  private void drive(DigitalState state) {
    try {
      output.state(state);
    } catch (RuntimeException e) {
      LOG.warning(owner + ": cannot set GPIO " + output.address() + " " + state + ": " + e.getMessage());
    }
  }
}
