package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.Conformance;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} refuses what cannot work before it connects anywhere, with exit 2 and the key path. */
class RunCommandTest {
  @TempDir
  Path tmp;

  @BeforeEach
  void copyDemo() throws Exception {
    Path demo = Conformance.repo().resolve("device-config");
    Files.createDirectories(tmp.resolve("models"));
    Files.copy(demo.resolve("demo.yaml"), tmp.resolve("demo.yaml"));
    for (String f : new String[] {"vibration_int8.tflite", "vibration_fp32.tflite", "vibration.labels"}) {
      Files.copy(demo.resolve("models").resolve(f), tmp.resolve("models").resolve(f));
    }
  }

  private CliRun run(String... settings) {
    String[] args = new String[3 + 2 * settings.length];
    args[0] = "run";
    args[1] = "--config";
    args[2] = tmp.resolve("demo.yaml").toString();
    for (int i = 0; i < settings.length; i++) {
      args[3 + 2 * i] = "--set";
      args[4 + 2 * i] = settings[i];
    }
    return CliRun.of(args);
  }

  @Test
  void run_invalidConfig_exits2WithEveryProblemByKeyPath() {
    CliRun r = run("device.colour=blue", "mqtt.qos=high", "pipelines.vibration.window.size=0",
        "models.vibration.int8=missing.tflite");
    assertEquals(2, r.exitCode());
    assertEquals(String.join("\n",
        "edgeinfer: " + tmp.resolve("demo.yaml") + ": invalid config",
        "device.colour: unknown key (known: id, groups, stateDir)",
        "mqtt.qos: expected a number, got \"high\"",
        "models.vibration.int8: file not found: " + tmp.resolve("missing.tflite"),
        "pipelines.vibration.window.size: must be > 0, got 0"), r.err().strip());
  }

  @Test
  void run_labelsThatDoNotFitTheModel_exits2NamingTheKeyBeforeConnecting() throws Exception {
    Files.writeString(tmp.resolve("models/vibration.labels"), "idle\nnormal\nimbalance\n");
    CliRun r = run("mqtt.broker=tcp://127.0.0.1:1", "device.stateDir=" + tmp.resolve("state"));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("edgeinfer: models.vibration.labels: the labels file names 3 labels but the model outputs 4 scores",
        r.err().lines().filter(l -> l.startsWith("edgeinfer:")).findFirst().orElse(r.err()));
  }

  @Test
  void run_modelThatIsNotAModel_exits2NamingTheFile() throws Exception {
    Files.writeString(tmp.resolve("models/vibration_int8.tflite"), "<html>404 Not Found</html>");
    CliRun r = run("mqtt.broker=tcp://127.0.0.1:1", "device.stateDir=" + tmp.resolve("state"));
    assertEquals(2, r.exitCode(), r.err());
    String first = r.err().lines().filter(l -> l.startsWith("edgeinfer:")).findFirst().orElse(r.err());
    assertEquals("edgeinfer: " + tmp.resolve("models/vibration_int8.tflite") + ": not a valid .tflite model: "
        + "not a TensorFlow Lite model: file identifier is not \"TFL3\"", first);
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void run_aSensorThatDoesNotAnswer_exits2NamingKeyBusAndWiringBeforeConnecting() {
    // The Pi 4 example on the mock platform with nothing loaded into the mock MPU-6050.
    CliRun r = CliRun.of("run", "--config", Conformance.repo().resolve("device-config/pi4-mpu6050.yaml").toString(),
        "--set", "hardware=mock", "--set", "mqtt.broker=tcp://127.0.0.1:1", "--set", "device.stateDir=" + tmp.resolve("state"));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("edgeinfer: sensors.motor: I2C bus 1, address 0x68: read of 1 byte from register 0x75 returned nothing "
        + "(the device does not answer); check the MPU-6050's wiring (SDA to GPIO 2, SCL to GPIO 3 for bus 1; 3.3 V; GND; "
        + "AD0 to GND for 0x68, to 3.3 V for 0x69) and what `i2cdetect -y 1` shows",
        r.err().lines().filter(l -> l.startsWith("edgeinfer:")).findFirst().orElse(r.err()));
  }

  @Test
  void run_anActionOnALabelTheModelDoesNotHave_exits2NamingTheKey() {
    CliRun r = run("hardware=mock", "mqtt.broker=tcp://127.0.0.1:1", "device.stateDir=" + tmp.resolve("state"),
        "pipelines.vibration.actions=[{when: {label: overheating}, gpio: {pin: 17}}]");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("edgeinfer: pipelines.vibration.actions[0].when.label: \"overheating\" is not a label of model vibration "
        + "(idle, normal, imbalance, bearing_wear)",
        r.err().lines().filter(l -> l.startsWith("edgeinfer:")).findFirst().orElse(r.err()));
  }
}
