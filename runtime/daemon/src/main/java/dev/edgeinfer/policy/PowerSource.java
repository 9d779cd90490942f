package dev.edgeinfer.policy;

import java.io.IOException;

/**
 * One way of learning whether the board runs on mains or battery. Implementations: {@link
 * SysfsPowerSource} (Linux {@code power_supply} class), {@link FilePowerSource} (a file some
 * other program keeps up to date), {@link PinPowerSource} (a "power good" GPIO line, through
 * the {@link PowerGoodPin} seam that a Pi4J input plugs into).
 *
 * <p>Called from the policy's thread only, about once a second; implementations need not be
 * thread-safe and should not cache (the point is to see changes).
 */
public interface PowerSource {

  /** The current state; {@link PowerReading.Supply#UNKNOWN} when the source has nothing to say. */
  PowerReading read() throws IOException;
}
