package dev.edgeinfer.config;

import static dev.edgeinfer.config.ConfigFixture.MINIMAL;
import static dev.edgeinfer.config.ConfigFixture.minimalWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.config.PreprocessingConfig.Normalize;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOverridesTest {

  @TempDir Path dir;
  ConfigFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ConfigFixture(dir);
  }

  @Test
  void set_valuesGetTheirYamlTypes() throws Exception {
    EdgeConfig c = fx.load(MINIMAL,
        "mqtt.broker=tcp://10.0.0.5:1884", "mqtt.qos=2", "pipelines.vibration.window.hop=32",
        "device.groups=[a,b]", "sensors.motor.realtime=false", "device.stateDir=/tmp/x");
    assertEquals("tcp://10.0.0.5:1884", c.mqtt().broker());
    assertEquals(2, c.mqtt().qos());
    assertEquals(new PipelineConfig.WindowConfig(128, 32), c.pipelines().get("vibration").window());
    assertEquals(List.of("a", "b"), c.device().groups());
    assertEquals(false, ((SensorConfig.Synthetic) c.sensors().get("motor")).realtime());
    assertEquals(Path.of("/tmp/x"), c.device().stateDir());
  }

  @Test
  void set_missingIntermediateMaps_areCreated() throws Exception {
    EdgeConfig c = fx.load(MINIMAL, "pipelines.vibration.preprocessing.normalize=remove-mean");
    assertEquals(Normalize.REMOVE_MEAN, c.pipelines().get("vibration").preprocessing().normalize());
  }

  @Test
  void set_wholeMissingSection_isCreated() throws Exception {
    EdgeConfig c = fx.load(minimalWith("mqtt:\n  broker: tcp://127.0.0.1:1883\n", ""), "mqtt.broker=embedded");
    assertEquals("embedded", c.mqtt().broker());
  }

  @Test
  void set_laterOverrideWins_andEmptyValueRestoresTheDefault() throws Exception {
    EdgeConfig c = fx.load(minimalWith("tcp://127.0.0.1:1883", "tcp://127.0.0.1:1883\n  qos: 0"),
        "mqtt.keepAliveSeconds=10", "mqtt.keepAliveSeconds=20", "mqtt.qos=");
    assertEquals(20, c.mqtt().keepAliveSeconds());
    assertEquals(1, c.mqtt().qos());
  }

  @Test
  void set_valueOfTheWrongType_isReportedAtTheKeyLikeAFileValue() {
    assertEquals(List.of("mqtt.qos: expected a number, got \"high\""), fx.problems(MINIMAL, "mqtt.qos=high"));
  }

  @Test
  void set_malformedOverrides_areEachNamed_alongWithProblemsInTheFile() {
    assertEquals(List.of(
            "--set device.id: expected KEY=VALUE, e.g. mqtt.broker=tcp://127.0.0.1:1883",
            "--set =x: expected KEY=VALUE with a dotted key such as device.stateDir, got key \"\"",
            "--set mqtt..qos=1: expected KEY=VALUE with a dotted key such as device.stateDir, got key \"mqtt..qos\"",
            "--set device.id.x=1: device.id is not a mapping, so it has no key \"x\"",
            "--set device.groups=[a,: line 1, column 3: YAML syntax error: while parsing a flow node; "
                + "expected the node content, but found '<stream end>'",
            "mqtt.qos: must be 0, 1 or 2, got 3"),
        fx.problems(minimalWith("tcp://127.0.0.1:1883", "tcp://127.0.0.1:1883\n  qos: 3"),
            "device.id", "=x", "mqtt..qos=1", "device.id.x=1", "device.groups=[a,"));
  }
}
