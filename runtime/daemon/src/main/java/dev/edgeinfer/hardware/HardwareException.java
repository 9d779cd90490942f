package dev.edgeinfer.hardware;

import dev.edgeinfer.system.StartupException;

/**
 * A pin, bus or provider the config names cannot be used on this machine. The message names the
 * config key, the pin or bus, and the likely fix (enable the bus, join a group, free the pin); the
 * CLI prints it and exits 2.
 */
public final class HardwareException extends StartupException {
  public HardwareException(String message) {
    super(message, null);
  }

  public HardwareException(String message, Throwable cause) {
    super(message, cause);
  }
}
