package dev.edgeinfer.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks that pins and bus addresses are claimed once: a GPIO pin by one sensor or one action, an
 * I2C address or SPI chip select by one sensor, and a hardware sensor by one pipeline (it is opened
 * once, and two readers would split its samples). Reported at the second claim, naming the first.
 */
final class HardwareClaims {
  private final ConfigNode root;
  private final Map<String, String> claims = new HashMap<>();

  private HardwareClaims(ConfigNode root) {
    this.root = root;
  }

  static void check(ConfigNode root, Map<String, SensorConfig> sensors, Map<String, PipelineConfig> pipelines) {
    HardwareClaims c = new HardwareClaims(root);
    sensors.values().forEach(c::claimSensor);
    Map<String, String> readers = new HashMap<>();
    for (PipelineConfig p : pipelines.values()) {
      SensorConfig source = sensors.get(p.source());
      if (source != null && source.isHardware()) {
        String first = readers.putIfAbsent(p.source(), p.name());
        if (first != null) {
          root.problemAt("pipelines." + p.name() + ".source", "sensor " + ConfigNode.quote(p.source())
              + " already feeds pipelines." + first + "; a sensor on pins or a bus feeds one pipeline");
        }
      }
      for (int i = 0; i < p.actions().size(); i++) {
        ActionConfig.PinAction a = p.actions().get(i).action();
        String kind = a instanceof ActionConfig.Set ? "gpio" : "pulse";
        if (a.pin() >= 0) {
          c.claim("gpio " + a.pin(), "pipelines." + p.name() + ".actions[" + i + "]." + kind + ".pin",
              "GPIO " + a.pin());
        }
      }
    }
  }

  private void claimSensor(SensorConfig s) {
    String at = "sensors." + s.name();
    if (s instanceof SensorConfig.Gpio g) {
      for (int i = 0; i < g.pins().size(); i++) {
        claim("gpio " + g.pins().get(i), at + ".pins[" + i + "]", "GPIO " + g.pins().get(i));
      }
    } else if (s instanceof SensorConfig.Mpu6050 m) {
      claimI2c(m.bus(), m.address(), at);
    } else if (s instanceof SensorConfig.Bme280 b) {
      claimI2c(b.bus(), b.address(), at);
    } else if (s instanceof SensorConfig.Mcp3008 m) {
      claim("spi " + m.bus() + "." + m.chipSelect(), at + ".chipSelect",
          "SPI bus " + m.bus() + " chip select " + m.chipSelect());
    }
  }

  private void claimI2c(int bus, int address, String at) {
    claim("i2c " + bus + "/" + address, at + ".address", String.format("I2C address 0x%02x on bus %d", address, bus));
  }

  private void claim(String resource, String path, String what) {
    String first = claims.putIfAbsent(resource, path);
    if (first != null) {
      root.problemAt(path, what + " is already used by " + first.replaceFirst("\\.(pins\\[\\d+]|address|chipSelect|pin)$", ""));
    }
  }
}
