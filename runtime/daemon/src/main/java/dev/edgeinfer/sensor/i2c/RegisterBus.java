package dev.edgeinfer.sensor.i2c;

import java.io.IOException;

/**
 * One I2C device's registers, as the drivers see them: byte reads and writes and burst reads from
 * a start register (the device auto-increments). Every failure is an {@link IOException} that names
 * the bus and address, so a driver never sees a provider's own exception types.
 */
public interface RegisterBus {

  /** The register's value, 0..255. */
  int readByte(int register) throws IOException;

  void writeByte(int register, int value) throws IOException;

  /** Fills {@code buffer} from {@code register} onwards; a short read is an IOException. */
  void read(int register, byte[] buffer) throws IOException;

  /** "I2C bus 1, address 0x68", for messages. */
  String where();
}
