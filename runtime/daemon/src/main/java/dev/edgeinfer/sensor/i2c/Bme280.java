package dev.edgeinfer.sensor.i2c;

import java.io.IOException;

/**
 * Bosch BME280 temperature, humidity and pressure sensor (datasheet BST-BME280-DS002). {@link
 * #init()} checks the chip id, reads the calibration, and starts normal mode with 1x oversampling
 * of all three and the filter off, with the longest standby time that still measures at least as
 * often as we poll (fewer measurements: less self-heating). {@link #read(float[])} takes the eight
 * data registers in one burst, which the datasheet asks for so that the values belong together
 * (section 4: "shadowing").
 *
 * <p>Not thread-safe; owned by one source.
 */
public final class Bme280 {
  static final int CALIB_00 = 0x88;
  static final int CALIB_26 = 0xE1;
  static final int ID = 0xD0;
  static final int CTRL_HUM = 0xF2;
  static final int CTRL_MEAS = 0xF4;
  static final int CONFIG = 0xF5;
  static final int PRESS_MSB = 0xF7;
  static final int CHIP_ID = 0x60;
  /** osrs_h = 1x. */
  static final int HUMIDITY_X1 = 0x01;
  /** osrs_t = 1x (bits 7:5), osrs_p = 1x (bits 4:2), mode = normal (bits 1:0). */
  static final int MEASURE_X1_NORMAL = 0b001_001_11;
  /** Datasheet 9.1: t_measure,max with 1x oversampling of all three, in ms. */
  private static final double MEASURE_MS = 9.3;
  /** t_sb codes 0..7 of register 0xF5, in ms. */
  private static final double[] STANDBY_MS = {0.5, 62.5, 125, 250, 500, 1000, 10, 20};

  private final RegisterBus bus;
  private final double rateHz;
  private final byte[] data = new byte[8];
  private Bme280Calibration calibration;

  public Bme280(RegisterBus bus, double rateHz) {
    this.bus = bus;
    this.rateHz = rateHz;
  }

  public void init() throws IOException {
    int id = bus.readByte(ID);
    if (id != CHIP_ID) {
      String which = id == 0x58 ? " (a BMP280: no humidity)" : "";
      throw new IOException(bus.where() + ": chip id reads " + String.format("0x%02X", id) + which
          + ", a BME280 reads 0x60");
    }
    byte[] block1 = new byte[Bme280Calibration.BLOCK1];
    byte[] block2 = new byte[Bme280Calibration.BLOCK2];
    bus.read(CALIB_00, block1);
    bus.read(CALIB_26, block2);
    calibration = Bme280Calibration.parse(block1, block2);
    // ctrl_hum takes effect only with the next write of ctrl_meas, and config writes may be ignored
    // in normal mode (datasheet 5.4.3, 5.4.6): so ctrl_hum, config, then ctrl_meas.
    bus.writeByte(CTRL_HUM, HUMIDITY_X1);
    bus.writeByte(CONFIG, standbyCodeFor(rateHz) << 5);
    bus.writeByte(CTRL_MEAS, MEASURE_X1_NORMAL);
  }

  public Bme280Calibration calibration() {
    return calibration;
  }

  /** Reads temperature (degrees C), humidity (% RH) and pressure (hPa) into {@code out[0..2]}. */
  public void read(float[] out) throws IOException {
    if (calibration == null) {
      throw new IllegalStateException("init() first");
    }
    bus.read(PRESS_MSB, data);
    // 0xF7..0xF9 press (20 bits: msb, lsb, xlsb[7:4]), 0xFA..0xFC temp (same), 0xFD..0xFE hum (16 bits).
    int adcP = ((data[0] & 0xFF) << 12) | ((data[1] & 0xFF) << 4) | ((data[2] & 0xFF) >> 4);
    int adcT = ((data[3] & 0xFF) << 12) | ((data[4] & 0xFF) << 4) | ((data[5] & 0xFF) >> 4);
    int adcH = ((data[6] & 0xFF) << 8) | (data[7] & 0xFF);
    int tFine = Bme280Compensation.tFine(calibration, adcT);
    out[0] = Bme280Compensation.temperatureCentiC(tFine) / 100f;
    out[1] = (float) (Bme280Compensation.humidityQ22_10(calibration, adcH, tFine) / 1024.0);
    out[2] = (float) (Bme280Compensation.pressureQ24_8(calibration, adcP, tFine) / 256.0 / 100.0);
  }

  /** The longest standby for which standby + one measurement fits in the poll period; else the shortest. */
  static int standbyCodeFor(double rateHz) {
    double periodMs = 1000 / rateHz;
    int best = 0;
    for (int code = 0; code < STANDBY_MS.length; code++) {
      if (STANDBY_MS[code] + MEASURE_MS <= periodMs && STANDBY_MS[code] > STANDBY_MS[best]) {
        best = code;
      }
    }
    return best;
  }
}
