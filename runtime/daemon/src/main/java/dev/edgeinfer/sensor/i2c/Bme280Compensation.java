package dev.edgeinfer.sensor.i2c;

/**
 * The BME280's compensation formulas in integer arithmetic, as the datasheet gives them
 * (BST-BME280-DS002 section 4.2.3: temperature in 32 bits, pressure in 64 bits, humidity in 32
 * bits; the temperature and pressure formulas are the BMP280's). Plain functions over a
 * calibration and raw ADC values, kept apart from the bus code so they can be checked against the
 * datasheet's worked example and its floating-point variant.
 *
 * <p>Java's {@code >>} on int and long is the arithmetic shift the datasheet's C code relies on for
 * signed values; intermediate products that overflow 32 bits in C are done in 64 bits where the
 * datasheet uses 64-bit types, and in 32 bits (wrapping like C) where it uses 32.
 */
public final class Bme280Compensation {
  private Bme280Compensation() {}

  /** t_fine: temperature in 1/5120 degrees C, which pressure and humidity compensation take. */
  public static int tFine(Bme280Calibration c, int adcT) {
    int var1 = (((adcT >> 3) - (c.t1() << 1)) * c.t2()) >> 11;
    int d = (adcT >> 4) - c.t1();
    int var2 = (((d * d) >> 12) * c.t3()) >> 14;
    return var1 + var2;
  }

  /** Temperature in hundredths of a degree C ("5123" is 51.23 degrees). */
  public static int temperatureCentiC(int tFine) {
    return (tFine * 5 + 128) >> 8;
  }

  /** Pressure in Pa as Q24.8 ("24674867" is 24674867 / 256 = 96386.2 Pa); 0 when the calibration is unusable. */
  public static long pressureQ24_8(Bme280Calibration c, int adcP, int tFine) {
    long var1 = (long) tFine - 128000;
    long var2 = var1 * var1 * c.p6();
    var2 = var2 + ((var1 * c.p5()) << 17);
    var2 = var2 + (((long) c.p4()) << 35);
    var1 = ((var1 * var1 * c.p3()) >> 8) + ((var1 * c.p2()) << 12);
    var1 = (((1L << 47) + var1) * c.p1()) >> 33;
    if (var1 == 0) {
      return 0; // the datasheet's guard against division by zero
    }
    long p = 1048576 - adcP;
    p = (((p << 31) - var2) * 3125) / var1;
    var1 = (((long) c.p9()) * (p >> 13) * (p >> 13)) >> 25;
    var2 = (((long) c.p8()) * p) >> 19;
    return ((p + var1 + var2) >> 8) + (((long) c.p7()) << 4);
  }

  /** Relative humidity as Q22.10 ("47445" is 47445 / 1024 = 46.333 % RH), clamped to 0..100 %. */
  public static int humidityQ22_10(Bme280Calibration c, int adcH, int tFine) {
    int v = tFine - 76800;
    v = ((((adcH << 14) - (c.h4() << 20) - (c.h5() * v)) + 16384) >> 15)
        * (((((((v * c.h6()) >> 10) * (((v * c.h3()) >> 11) + 32768)) >> 10) + 2097152) * c.h2() + 8192) >> 14);
    v = v - (((((v >> 15) * (v >> 15)) >> 7) * c.h1()) >> 4);
    v = Math.max(0, Math.min(419430400, v));
    return v >> 12;
  }
}
