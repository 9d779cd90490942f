package dev.edgeinfer.sensor.i2c;

/** The datasheet example's calibration as the BME280's register blocks, for tests outside this package. */
public final class Bme280TestData {
  private Bme280TestData() {}

  public static byte[] block1() {
    return Bme280Test.block1(Bme280Test.EXAMPLE);
  }

  public static byte[] block2() {
    return Bme280Test.block2(Bme280Test.EXAMPLE);
  }
}
