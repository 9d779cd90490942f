package dev.edgeinfer.sensor.i2c;

import com.pi4j.io.i2c.I2C;
import java.io.IOException;

/**
 * {@link RegisterBus} over a Pi4J {@link I2C} device. Pi4J reports failures as unchecked
 * exceptions (its own {@code com.pi4j.io.exception.IOException} among them, which is not the
 * JDK's) or as a short count; both become a {@link java.io.IOException} here, so that a sensor
 * that stops answering is retried by the pipeline rather than killing its thread.
 *
 * <p>Each operation holds the device object's monitor: Pi4J does not document its I2C objects as
 * thread-safe, and the lock lets a test load a mock device between two reads.
 */
public final class Pi4jRegisterBus implements RegisterBus {
  private final I2C device;
  private final String where;
  private final byte[] one = new byte[1];

  public Pi4jRegisterBus(I2C device) {
    this.device = device;
    this.where = String.format("I2C bus %d, address 0x%02x", device.bus(), device.device());
  }

  @Override
  public int readByte(int register) throws IOException {
    read(register, one);
    return one[0] & 0xFF;
  }

  @Override
  public void writeByte(int register, int value) throws IOException {
    try {
      synchronized (device) {
        device.writeRegister(register, (byte) value);
      }
    } catch (RuntimeException e) {
      throw failure("write of register " + hex(register), e);
    }
  }

  @Override
  public void read(int register, byte[] buffer) throws IOException {
    int got;
    try {
      synchronized (device) {
        got = device.readRegister(register, buffer, 0, buffer.length);
      }
    } catch (RuntimeException e) {
      throw failure("read of register " + hex(register), e);
    }
    if (got != buffer.length) {
      String bytes = buffer.length == 1 ? "1 byte" : buffer.length + " bytes";
      throw new IOException(where + ": read of " + bytes + " from register " + hex(register)
          + " returned " + (got < 0 ? "nothing" : got + " bytes") + " (the device does not answer)");
    }
  }

  @Override
  public String where() {
    return where;
  }

  private IOException failure(String what, RuntimeException e) {
    return new IOException(where + ": " + what + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
  }

  private static String hex(int register) {
    return String.format("0x%02X", register);
  }
}
