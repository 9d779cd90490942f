package dev.edgeinfer.sensor.spi;

import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.sensor.PolledSource;
import java.io.IOException;

/** An MCP3008's configured channels, one conversion each per sample, as volts or raw counts. */
public final class Mcp3008Device implements PolledSource.Device {
  private final Mcp3008 adc;
  private final SensorConfig.Mcp3008 config;

  public Mcp3008Device(Mcp3008 adc, SensorConfig.Mcp3008 config) {
    this.adc = adc;
    this.config = config;
  }

  /** The MCP3008 has no state to set up: every conversion carries its own command. */
  @Override
  public void init() {}

  @Override
  public void read(float[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      int counts = adc.read(config.channels().get(i));
      values[i] = config.unit() == SensorConfig.AdcUnit.COUNTS ? counts : (float) Mcp3008.volts(counts, config.vref());
    }
  }
}
