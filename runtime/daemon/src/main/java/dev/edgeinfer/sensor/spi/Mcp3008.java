package dev.edgeinfer.sensor.spi;

import com.pi4j.io.spi.Spi;
import java.io.IOException;

/**
 * Microchip MCP3008, 8-channel 10-bit ADC (datasheet DS21295, section 6.1, figure 6-1): one
 * conversion is a 3-byte transfer. Byte 0 carries the start bit; byte 1 the single-ended flag and
 * the channel in its high nibble; the result comes back as the low 2 bits of reply byte 1 and all
 * of reply byte 2.
 *
 * <p>Not thread-safe; owned by one source.
 */
public final class Mcp3008 {
  public static final int MAX = 1023;
  private final Spi spi;
  private final String where;
  private final byte[] tx = new byte[3];
  private final byte[] rx = new byte[3];

  public Mcp3008(Spi spi, String where) {
    this.spi = spi;
    this.where = where;
  }

  /** The raw conversion of single-ended {@code channel} (0..7), 0..1023. */
  public int read(int channel) throws IOException {
    if (channel < 0 || channel > 7) {
      throw new IllegalArgumentException("MCP3008 channel must be 0..7, got " + channel);
    }
    tx[0] = 0x01;
    tx[1] = (byte) (0x80 | (channel << 4));
    tx[2] = 0x00;
    int status;
    try {
      status = spi.transfer(tx, rx, 3);
    } catch (RuntimeException e) {
      throw new IOException(where + ": transfer failed: " + (e.getMessage() == null ? e : e.getMessage()), e);
    }
    if (status < 0) {
      throw new IOException(where + ": transfer failed (status " + status + ")");
    }
    return ((rx[1] & 0x03) << 8) | (rx[2] & 0xFF);
  }

  /** {@code counts} as volts against the reference voltage. */
  public static double volts(int counts, double vref) {
    return counts * vref / (MAX + 1);
  }
}
