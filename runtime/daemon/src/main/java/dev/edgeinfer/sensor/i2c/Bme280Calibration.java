package dev.edgeinfer.sensor.i2c;

/**
 * The trimming parameters a BME280 carries in its NVM (datasheet BST-BME280-DS002, section 4.2.2,
 * table 16): dig_T1..3 and dig_P1..9 in registers 0x88..0x9F, dig_H1 in 0xA1, dig_H2..6 in
 * 0xE1..0xE7. Words are little-endian; dig_H4 and dig_H5 are 12-bit values sharing the nibbles of
 * register 0xE5.
 */
public record Bme280Calibration(
    int t1, int t2, int t3,
    int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
    int h1, int h2, int h3, int h4, int h5, int h6) {

  /** Bytes read from 0x88 (26 of them, to 0xA1). */
  public static final int BLOCK1 = 26;
  /** Bytes read from 0xE1 (7 of them, to 0xE7). */
  public static final int BLOCK2 = 7;

  public static Bme280Calibration parse(byte[] from0x88, byte[] from0xE1) {
    if (from0x88.length != BLOCK1 || from0xE1.length != BLOCK2) {
      throw new IllegalArgumentException("calibration blocks are 26 and 7 bytes, got " + from0x88.length + " and "
          + from0xE1.length);
    }
    byte[] a = from0x88;
    byte[] b = from0xE1;
    return new Bme280Calibration(
        u16(a, 0), s16(a, 2), s16(a, 4),
        u16(a, 6), s16(a, 8), s16(a, 10), s16(a, 12), s16(a, 14), s16(a, 16), s16(a, 18), s16(a, 20), s16(a, 22),
        a[25] & 0xFF,
        s16(b, 0),
        b[2] & 0xFF,
        // dig_H4 = 0xE4[7:0] << 4 | 0xE5[3:0]; dig_H5 = 0xE6[7:0] << 4 | 0xE5[7:4]; both signed 12-bit.
        (b[3] << 4) | (b[4] & 0x0F),
        (b[5] << 4) | ((b[4] & 0xFF) >> 4),
        b[6]);
  }

  private static int u16(byte[] d, int i) {
    return (d[i] & 0xFF) | ((d[i + 1] & 0xFF) << 8);
  }

  private static int s16(byte[] d, int i) {
    return (short) u16(d, i);
  }
}
