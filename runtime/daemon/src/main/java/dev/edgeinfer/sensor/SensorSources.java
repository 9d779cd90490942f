package dev.edgeinfer.sensor;

import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.hardware.HardwareException;
import dev.edgeinfer.sensor.gpio.GpioSources;
import dev.edgeinfer.sensor.i2c.ChipDevices;
import dev.edgeinfer.sensor.i2c.Pi4jRegisterBus;
import dev.edgeinfer.sensor.spi.Mcp3008;
import dev.edgeinfer.sensor.spi.Mcp3008Device;
import java.io.IOException;
import java.time.Clock;

/** Opens the source a sensor config describes. */
public final class SensorSources {
  private SensorSources() {}

  /** A source that needs no pins or buses (synthetic, replay). */
  public static SensorSource open(SensorConfig config) throws IOException {
    if (config instanceof SensorConfig.Synthetic synthetic) {
      return new SyntheticVibrationSource(synthetic);
    }
    if (config instanceof SensorConfig.Replay replay) {
      return new ReplayCsvSource(replay);
    }
    throw new IllegalArgumentException("sensors." + config.name() + " needs hardware: use open(config, hardware)");
  }

  /** Any source; sensors on pins and buses go through {@code hardware}, polled on the system clock. */
  public static SensorSource open(SensorConfig config, Hardware hardware) throws IOException, HardwareException {
    return open(config, hardware, Ticker.system(), Clock.systemUTC());
  }

  /**
   * As {@link #open(SensorConfig, Hardware)} on the given clocks. A chip that does not answer as
   * expected when it is first set up fails the start, with the wiring to check.
   */
  public static SensorSource open(SensorConfig config, Hardware hardware, Ticker ticker, Clock clock)
      throws IOException, HardwareException {
    if (!config.isHardware()) {
      return open(config);
    }
    String owner = "sensors." + config.name();
    if (config instanceof SensorConfig.Gpio gpio) {
      return GpioSources.open(gpio, hardware, ticker, clock);
    }
    PolledSource source;
    String wiring;
    if (config instanceof SensorConfig.Mpu6050 m) {
      Pi4jRegisterBus bus = new Pi4jRegisterBus(hardware.i2c(owner, m.bus(), m.address()));
      source = new PolledSource(m.name(), m.channels(), m.rateHz(), ChipDevices.mpu6050(m, bus), ticker, clock);
      wiring = i2cWiring(m.bus(), "MPU-6050", "AD0 to GND for 0x68, to 3.3 V for 0x69");
    } else if (config instanceof SensorConfig.Bme280 b) {
      Pi4jRegisterBus bus = new Pi4jRegisterBus(hardware.i2c(owner, b.bus(), b.address()));
      source = new PolledSource(b.name(), b.channels(), b.rateHz(), ChipDevices.bme280(b, bus), ticker, clock);
      wiring = i2cWiring(b.bus(), "BME280", "SDO to GND for 0x76, to 3.3 V for 0x77");
    } else if (config instanceof SensorConfig.Mcp3008 m) {
      String where = "SPI bus " + m.bus() + " chip select " + m.chipSelect();
      Mcp3008 adc = new Mcp3008(hardware.spi(owner, m.bus(), m.chipSelect(), m.baud(), 0), where);
      source = new PolledSource(m.name(), m.channels().stream().map(c -> "ch" + c).toList(), m.rateHz(),
          new Mcp3008Device(adc, m), ticker, clock);
      wiring = "check the wiring (CLK to GPIO 11, DOUT to MISO GPIO 9, DIN to MOSI GPIO 10, CS to CE"
          + m.chipSelect() + ")";
    } else {
      throw new IllegalArgumentException("no source for " + config);
    }
    try {
      return source.start();
    } catch (IOException e) {
      throw new HardwareException(owner + ": " + e.getMessage() + "; " + wiring, e);
    }
  }

  private static String i2cWiring(int bus, String chip, String addressPin) {
    return "check the " + chip + "'s wiring (SDA to GPIO 2, SCL to GPIO 3 for bus 1; 3.3 V; GND; " + addressPin
        + ") and what `i2cdetect -y " + bus + "` shows";
  }
}
