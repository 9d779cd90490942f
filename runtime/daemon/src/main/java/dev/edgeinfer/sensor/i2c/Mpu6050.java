package dev.edgeinfer.sensor.i2c;

import java.io.IOException;

/**
 * InvenSense MPU-6050 accelerometer and gyroscope, per its register map (RM-MPU-6000A-00 rev 4.2).
 * {@link #init()} checks WHO_AM_I, wakes the chip (it powers up asleep) with the X gyro's PLL as
 * clock (steadier than the internal oscillator, section 4.28), and sets the low-pass filter, the
 * sample-rate divider and both full-scale ranges; {@link #read(float[])} takes all seven data
 * registers in one 14-byte burst, so that the three axes come from one sampling instant.
 *
 * <p>Not thread-safe; owned by one source.
 */
public final class Mpu6050 {
  static final int SMPLRT_DIV = 0x19;
  static final int CONFIG = 0x1A;
  static final int GYRO_CONFIG = 0x1B;
  static final int ACCEL_CONFIG = 0x1C;
  static final int ACCEL_XOUT_H = 0x3B;
  static final int PWR_MGMT_1 = 0x6B;
  static final int WHO_AM_I = 0x75;
  static final int IDENTITY = 0x68;
  /** SLEEP cleared, CLKSEL = 1 (PLL with X axis gyroscope reference). */
  static final int WAKE_PLL_X = 0x01;
  /** Accelerometer bandwidths (Hz) of DLPF_CFG 1..6 (register 26); each runs the chip at 1 kHz. */
  private static final double[] DLPF_BANDWIDTH = {184, 94, 44, 21, 10, 5};

  private final RegisterBus bus;
  private final int accelRangeG;
  private final int gyroRangeDps;
  private final double rateHz;
  private final byte[] burst = new byte[14];

  public Mpu6050(RegisterBus bus, double rateHz, int accelRangeG, int gyroRangeDps) {
    this.bus = bus;
    this.rateHz = rateHz;
    this.accelRangeG = accelRangeG;
    this.gyroRangeDps = gyroRangeDps;
    fullScaleCode(accelRangeG, 2);
    fullScaleCode(gyroRangeDps, 250);
  }

  public void init() throws IOException {
    int id = bus.readByte(WHO_AM_I);
    if (id != IDENTITY) {
      throw new IOException(bus.where() + ": WHO_AM_I reads " + String.format("0x%02X", id)
          + ", an MPU-6050 reads 0x68: another chip answers at this address");
    }
    bus.writeByte(PWR_MGMT_1, WAKE_PLL_X);
    bus.writeByte(SMPLRT_DIV, dividerFor(rateHz));
    bus.writeByte(CONFIG, dlpfFor(rateHz));
    bus.writeByte(GYRO_CONFIG, fullScaleCode(gyroRangeDps, 250) << 3);
    bus.writeByte(ACCEL_CONFIG, fullScaleCode(accelRangeG, 2) << 3);
  }

  /**
   * Reads ax, ay, az (g), gx, gy, gz (degrees/s) and temp (degrees C) into {@code out[0..6]}.
   */
  public void read(float[] out) throws IOException {
    bus.read(ACCEL_XOUT_H, burst);
    // Registers 0x3B..0x48: ACCEL X, Y, Z, TEMP, GYRO X, Y, Z, each big-endian two's complement.
    double accelLsbPerG = 16384.0 / (accelRangeG / 2);
    double gyroLsbPerDps = 131.0 / (gyroRangeDps / 250.0);
    out[0] = (float) (word(0) / accelLsbPerG);
    out[1] = (float) (word(2) / accelLsbPerG);
    out[2] = (float) (word(4) / accelLsbPerG);
    out[3] = (float) (word(8) / gyroLsbPerDps);
    out[4] = (float) (word(10) / gyroLsbPerDps);
    out[5] = (float) (word(12) / gyroLsbPerDps);
    // Register map section 4.18: degrees C = TEMP_OUT / 340 + 36.53.
    out[6] = (float) (word(6) / 340.0 + 36.53);
  }

  private int word(int offset) {
    return (short) (((burst[offset] & 0xFF) << 8) | (burst[offset + 1] & 0xFF));
  }

  /**
   * Sample rate = 1 kHz / (1 + divider) with the filter on: the largest divider that still
   * samples at least as often as we poll, so every poll sees a fresh sample.
   */
  static int dividerFor(double rateHz) {
    return (int) Math.max(0, Math.min(255, Math.floor(1000 / rateHz) - 1));
  }

  /** The widest filter whose bandwidth stays below half the poll rate (no aliasing), else the narrowest. */
  static int dlpfFor(double rateHz) {
    for (int i = 0; i < DLPF_BANDWIDTH.length; i++) {
      if (DLPF_BANDWIDTH[i] <= rateHz / 2) {
        return i + 1;
      }
    }
    return DLPF_BANDWIDTH.length;
  }

  /** FS_SEL / AFS_SEL: 0..3 for base, 2x, 4x, 8x base. */
  private static int fullScaleCode(int range, int base) {
    int ratio = range / base;
    if (range % base != 0 || Integer.bitCount(ratio) != 1 || ratio > 8) {
      throw new IllegalArgumentException("full scale " + range + " is not " + base + ", " + 2 * base + ", "
          + 4 * base + " or " + 8 * base);
    }
    return Integer.numberOfTrailingZeros(ratio);
  }
}
