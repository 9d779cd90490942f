package dev.edgeinfer.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hardware sensors and actions as JSON in the YAML's key names, for {@link ConfigRedactor}. */
final class HardwareSensorJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private HardwareSensorJson() {}

  static ObjectNode of(SensorConfig s) {
    ObjectNode o = JSON.objectNode();
    if (s instanceof SensorConfig.Gpio g) {
      o.put("type", "gpio");
      g.pins().forEach(o.putArray("pins")::add);
      o.put("mode", g.mode().configName()).put("pull", g.pull().configName()).put("debounceMs", g.debounceMs());
      switch (g.mode()) {
        case LEVELS -> o.put("rateHz", g.rateHz());
        case COUNTER -> o.put("windowMs", g.windowMs()).put("edge", g.edge().configName());
        case EDGES -> { }
      }
    } else if (s instanceof SensorConfig.Mpu6050 m) {
      o.put("type", "i2c").put("device", "mpu6050").put("bus", m.bus()).put("address", m.address())
          .put("rateHz", m.rateHz()).put("accelRangeG", m.accelRangeG()).put("gyroRangeDps", m.gyroRangeDps());
      m.channels().forEach(o.putArray("channels")::add);
    } else if (s instanceof SensorConfig.Bme280 b) {
      o.put("type", "i2c").put("device", "bme280").put("bus", b.bus()).put("address", b.address())
          .put("rateHz", b.rateHz());
      b.channels().forEach(o.putArray("channels")::add);
    } else if (s instanceof SensorConfig.Mcp3008 m) {
      o.put("type", "spi").put("device", "mcp3008").put("bus", m.bus()).put("chipSelect", m.chipSelect());
      m.channels().forEach(o.putArray("channels")::add);
      o.put("vref", m.vref()).put("unit", m.unit().configName()).put("rateHz", m.rateHz()).put("baud", m.baud());
    } else {
      throw new IllegalArgumentException("not a hardware sensor: " + s);
    }
    return o;
  }

  static ObjectNode action(ActionConfig a) {
    ObjectNode o = JSON.objectNode();
    o.putObject("when").put("label", a.when().label()).put("minScore", a.when().minScore())
        .put("forWindows", a.when().forWindows());
    String state = a.action().activeHigh() ? "high" : "low";
    if (a.action() instanceof ActionConfig.Set set) {
      o.putObject("gpio").put("pin", set.pin()).put("state", state).put("holdMs", set.holdMs());
    } else {
      ActionConfig.Pulse pulse = (ActionConfig.Pulse) a.action();
      o.putObject("pulse").put("pin", pulse.pin()).put("state", state).put("ms", pulse.ms());
    }
    return o;
  }
}
