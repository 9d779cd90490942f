package dev.edgeinfer.sensor.i2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import dev.edgeinfer.hardware.Hardware;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BME280 driver and its compensation. The temperature and pressure case is the worked example
 * of the Bosch datasheets (BMP280 DS001 section 3.12; the BME280's T and P formulas are the same):
 * adc_T 519888 and adc_P 415148 with the calibration below give t_fine 128422, 25.08 degrees C and
 * 100653 Pa. Humidity has no worked example; it is checked against the datasheet's own
 * double-precision formula (BME280 DS002 section 8.1), written out in this test.
 */
class Bme280Test {
  /** The example's calibration, with a humidity calibration of a typical part. */
  static final Bme280Calibration EXAMPLE = new Bme280Calibration(
      27504, 26435, -1000,
      36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
      75, 362, 0, 313, 50, 30);

  private Hardware hardware;
  private MockI2C chip;

  @BeforeEach
  void setUp() throws Exception {
    hardware = Hardware.mock();
    chip = (MockI2C) hardware.i2c("test", 1, 0x76);
  }

  @AfterEach
  void tearDown() {
    hardware.close();
  }

  @Test
  void compensation_datasheetExample_temperatureAndPressure() {
    int tFine = Bme280Compensation.tFine(EXAMPLE, 519888);
    assertEquals(128422, tFine);
    assertEquals(2508, Bme280Compensation.temperatureCentiC(tFine));
    long q24_8 = Bme280Compensation.pressureQ24_8(EXAMPLE, 415148, tFine);
    assertEquals(25767233, q24_8, "100653.25 Pa");
    assertEquals(100653, q24_8 / 256);
    assertEquals(pressureDouble(EXAMPLE, 415148, tFine), q24_8 / 256.0, 0.01, "the datasheet's double formula");
  }

  @Test
  void compensation_humidity_matchesTheDatasheetsDoubleFormula() {
    int tFine = 128422;
    assertEquals(56317, Bme280Compensation.humidityQ22_10(EXAMPLE, 30000, tFine), "54.997 % RH");
    assertEquals(0, Bme280Compensation.humidityQ22_10(EXAMPLE, 20000, tFine), "clamped at 0 % RH");
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      int adcH = 24000 + random.nextInt(20000);
      int t = 80000 + random.nextInt(100000);
      double expected = Math.max(0, Math.min(100, humidityDouble(EXAMPLE, adcH, t)));
      assertEquals(expected, Bme280Compensation.humidityQ22_10(EXAMPLE, adcH, t) / 1024.0, 0.01,
          "adc_H " + adcH + ", t_fine " + t);
    }
  }

  @Test
  void calibration_parsesTheRegisterBlocks_includingTheSharedNibblesOfH4AndH5() {
    Bme280Calibration c = Bme280Calibration.parse(block1(EXAMPLE), block2(EXAMPLE));
    assertEquals(EXAMPLE, c);
    // Negative 12-bit H4/H5 and a negative H6.
    Bme280Calibration negative = new Bme280Calibration(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -300, 14, -5, -2048, -128);
    assertEquals(negative, Bme280Calibration.parse(block1(negative), block2(negative)));
  }

  @Test
  void driver_initReadsCalibrationAndStartsNormalMode_thenReadsTheDatasheetExample() throws Exception {
    chip.writeRegister(Bme280.ID, (byte) 0x60);
    chip.writeRegister(Bme280.CALIB_00, block1(EXAMPLE));
    chip.writeRegister(Bme280.CALIB_26, block2(EXAMPLE));
    Bme280 bme = new Bme280(new Pi4jRegisterBus(chip), 1);
    bme.init();

    assertEquals(EXAMPLE, bme.calibration());
    assertEquals(0x01, written(Bme280.CTRL_HUM), "humidity 1x");
    assertEquals(4 << 5, written(Bme280.CONFIG), "500 ms standby: 500 + 9.3 ms fits in 1 s; filter off");
    assertEquals(0b001_001_11, written(Bme280.CTRL_MEAS), "T 1x, P 1x, normal mode");

    // adc_P = 415148 = 0x655AC, adc_T = 519888 = 0x7EED0, adc_H = 30000 = 0x7530; 20-bit values are msb, lsb, xlsb[7:4].
    chip.writeRegister(Bme280.PRESS_MSB, new byte[] {0x65, 0x5A, (byte) 0xC0, 0x7E, (byte) 0xED, 0x00, 0x75, 0x30});
    float[] out = new float[3];
    bme.read(out);
    assertArrayEquals(new float[] {25.08f, (float) (56317 / 1024.0), (float) (25767233 / 256.0 / 100.0)}, out);
  }

  @Test
  void driver_aBmp280_isNamed() {
    chip.writeRegister(Bme280.ID, (byte) 0x58);
    IOException e = assertThrows(IOException.class, () -> new Bme280(new Pi4jRegisterBus(chip), 1).init());
    assertEquals("I2C bus 1, address 0x76: chip id reads 0x58 (a BMP280: no humidity), a BME280 reads 0x60", e.getMessage());
  }

  @Test
  void standby_isTheLongestThatKeepsUpWithTheRate() {
    assertEquals(5, Bme280.standbyCodeFor(0.5), "1000 ms");
    assertEquals(4, Bme280.standbyCodeFor(1), "500 ms");
    assertEquals(7, Bme280.standbyCodeFor(30), "20 ms + 9.3 <= 33.3 ms");
    assertEquals(0, Bme280.standbyCodeFor(100), "0.5 ms: nothing longer fits in 10 ms");
  }

  static byte[] block1(Bme280Calibration c) {
    byte[] b = new byte[26];
    int[] words = {c.t1(), c.t2(), c.t3(), c.p1(), c.p2(), c.p3(), c.p4(), c.p5(), c.p6(), c.p7(), c.p8(), c.p9()};
    for (int i = 0; i < words.length; i++) {
      b[2 * i] = (byte) words[i];
      b[2 * i + 1] = (byte) (words[i] >> 8);
    }
    b[25] = (byte) c.h1(); // 0xA1; 0xA0 is reserved
    return b;
  }

  static byte[] block2(Bme280Calibration c) {
    return new byte[] {
        (byte) c.h2(), (byte) (c.h2() >> 8),          // 0xE1, 0xE2
        (byte) c.h3(),                                // 0xE3
        (byte) (c.h4() >> 4),                         // 0xE4: H4[11:4]
        (byte) ((c.h4() & 0x0F) | ((c.h5() & 0x0F) << 4)), // 0xE5: H4[3:0], H5[3:0]
        (byte) (c.h5() >> 4),                         // 0xE6: H5[11:4]
        (byte) c.h6()};                               // 0xE7
  }

  /** BME280 datasheet 8.1, pressure in double precision. */
  static double pressureDouble(Bme280Calibration c, int adcP, int tFine) {
    double var1 = tFine / 2.0 - 64000.0;
    double var2 = var1 * var1 * c.p6() / 32768.0;
    var2 = var2 + var1 * c.p5() * 2.0;
    var2 = var2 / 4.0 + c.p4() * 65536.0;
    var1 = (c.p3() * var1 * var1 / 524288.0 + c.p2() * var1) / 524288.0;
    var1 = (1.0 + var1 / 32768.0) * c.p1();
    double p = 1048576.0 - adcP;
    p = (p - var2 / 4096.0) * 6250.0 / var1;
    var1 = c.p9() * p * p / 2147483648.0;
    var2 = p * c.p8() / 32768.0;
    return p + (var1 + var2 + c.p7()) / 16.0;
  }

  /** BME280 datasheet 8.1, humidity in double precision (before clamping). */
  static double humidityDouble(Bme280Calibration c, int adcH, int tFine) {
    double h = tFine - 76800.0;
    h = (adcH - (c.h4() * 64.0 + c.h5() / 16384.0 * h))
        * (c.h2() / 65536.0 * (1.0 + c.h6() / 67108864.0 * h * (1.0 + c.h3() / 67108864.0 * h)));
    return h * (1.0 - c.h1() * h / 524288.0);
  }

  /** What the driver wrote to {@code register} (the mock hands back signed bytes). */
  private int written(int register) {
    return chip.readRegister(register) & 0xFF;
  }
}
