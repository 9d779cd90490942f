package dev.edgeinfer.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.hardware.Hardware;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures how well the scheduler keeps an MPU-6050 source at 400 Hz on the system clock, through
 * the real driver and Pi4J's mock I2C bus, and prints the jitter. Only the counts are asserted:
 * timing depends on the machine, so the numbers are a measurement, not a pass mark.
 */
class SamplingJitterMeasurementTest {
  private static final int SAMPLES = 2000;

  @Test
  void mpu6050At400Hz_onTheSystemClock() throws Exception {
    try (Hardware hardware = Hardware.mock()) {
      MockI2C chip = (MockI2C) hardware.i2c("test", 1, 0x68);
      chip.writeRegister(0x75, (byte) 0x68);
      for (int i = 0; i < SAMPLES; i++) {
        chip.writeRegister(0x3B, new byte[14]);
      }
      SensorSource source = SensorSources.open(
          new SensorConfig.Mpu6050("motor", 1, 0x68, 400, 2, 250, List.of("ax", "ay", "az")), hardware);
      long start = System.nanoTime();
      for (int i = 0; i < SAMPLES; i++) {
        source.next();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      SamplingStats stats = source.sampling().orElseThrow();
      source.close();
      assertEquals(SAMPLES, stats.samples());
      System.out.printf("MPU-6050 via mock I2C at 400 Hz: %d samples in %.3f s, %d slots missed, "
              + "jitter p50 %.1f us, p99 %.1f us, max %.1f us%n",
          stats.samples(), seconds, stats.missed(), stats.jitterP50Us(), stats.jitterP99Us(), stats.jitterMaxUs());
    }
  }
}
