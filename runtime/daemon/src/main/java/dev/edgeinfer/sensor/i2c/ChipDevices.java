package dev.edgeinfer.sensor.i2c;

import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.sensor.PolledSource;
import java.util.List;

/** The I2C chips as {@link PolledSource.Device}s, each giving the channels its config picked, in that order. */
public final class ChipDevices {
  private ChipDevices() {}

  public static PolledSource.Device mpu6050(SensorConfig.Mpu6050 config, RegisterBus bus) {
    Mpu6050 chip = new Mpu6050(bus, config.rateHz(), config.accelRangeG(), config.gyroRangeDps());
    int[] pick = indices(config.channels(), SensorConfig.Mpu6050.CHANNELS);
    float[] all = new float[SensorConfig.Mpu6050.CHANNELS.size()];
    return new PolledSource.Device() {
      @Override
      public void init() throws java.io.IOException {
        chip.init();
      }

      @Override
      public void read(float[] values) throws java.io.IOException {
        chip.read(all);
        select(all, pick, values);
      }
    };
  }

  public static PolledSource.Device bme280(SensorConfig.Bme280 config, RegisterBus bus) {
    Bme280 chip = new Bme280(bus, config.rateHz());
    int[] pick = indices(config.channels(), SensorConfig.Bme280.CHANNELS);
    float[] all = new float[SensorConfig.Bme280.CHANNELS.size()];
    return new PolledSource.Device() {
      @Override
      public void init() throws java.io.IOException {
        chip.init();
      }

      @Override
      public void read(float[] values) throws java.io.IOException {
        chip.read(all);
        select(all, pick, values);
      }
    };
  }

  static int[] indices(List<String> wanted, List<String> known) {
    return wanted.stream().mapToInt(c -> {
      int i = known.indexOf(c);
      if (i < 0) {
        throw new IllegalArgumentException("unknown channel " + c + "; known: " + known);
      }
      return i;
    }).toArray();
  }

  static void select(float[] all, int[] pick, float[] out) {
    for (int i = 0; i < pick.length; i++) {
      out[i] = all[pick[i]];
    }
  }
}
