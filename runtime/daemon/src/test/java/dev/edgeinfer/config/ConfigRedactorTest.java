package dev.edgeinfer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRedactorTest {

  @TempDir Path dir;

  private static final String FULL = """
      device: {id: pi-lab-01, groups: [lab], stateDir: /srv/edge}
      mqtt:
        broker: ssl://broker.example.com:8883
        credentialsFile: secrets/mqtt.credentials
        tls: {caFile: tls/ca.pem, certFile: tls/client.pem, keyFile: tls/client.key}
      models:
        vibration: {version: "2", int8: models/vibration_int8.tflite, labels: models/vibration.labels}
      sensors:
        motor: {type: synthetic, states: [normal]}
        log: {type: replay, file: data/run1.csv}
      pipelines:
        vibration: {source: motor, model: vibration, window: {size: 64, hop: 32}, preprocessing: {features: band-energies}}
      updates: {trustedKeys: [keys/fleet.pub], keepVersions: 4, trial: {inferences: 5}}
      """;

  private EdgeConfig loadFull(ConfigFixture fx) throws Exception {
    Files.writeString(fx.placeholder("secrets/mqtt.credentials"), "edge\nhunter2-secret\n");
    fx.placeholder("tls/ca.pem");
    fx.placeholder("tls/client.pem");
    fx.placeholder("tls/client.key");
    fx.placeholder("keys/fleet.pub");
    return fx.load(FULL);
  }

  @Test
  void toJson_showsPathsButNeverTheCredentialsFileContents() throws Exception {
    ConfigFixture fx = new ConfigFixture(dir);
    ObjectNode json = ConfigRedactor.toJson(loadFull(fx));

    assertEquals(dir.resolve("secrets/mqtt.credentials").toString(), json.at("/mqtt/credentialsFile").asText());
    assertEquals(dir.resolve("tls/client.key").toString(), json.at("/mqtt/tls/keyFile").asText());
    assertFalse(json.toString().contains("hunter2"), json.toString());
  }

  @Test
  void toJson_savedAsYaml_loadsBackToTheSameConfig() throws Exception {
    ConfigFixture fx = new ConfigFixture(dir);
    EdgeConfig original = loadFull(fx);
    String yaml = new YAMLMapper().writeValueAsString(ConfigRedactor.toJson(original));

    // Every default is now explicit and every path absolute, so nothing may change on the way back.
    assertEquals(original, fx.load(yaml));
  }

  @Test
  void toJson_hardwareSensorsAndActions_loadBackToTheSameConfig() throws Exception {
    ConfigFixture fx = new ConfigFixture(dir);
    EdgeConfig original = fx.load("""
        device: {id: pi-lab-01}
        mqtt: {broker: tcp://127.0.0.1:1883}
        hardware: mock
        models:
          vibration: {int8: models/vibration_int8.tflite}
        sensors:
          imu: {type: i2c, device: mpu6050, address: 0x69, accelRangeG: 4, channels: [ax, gz]}
          room: {type: i2c, device: bme280}
          adc: {type: spi, device: mcp3008, channels: [3], unit: counts}
          flow: {type: gpio, pins: [5, 6], mode: counter, windowMs: 250, edge: falling, debounceMs: 1.5}
          door: {type: gpio, pins: [13], mode: edges, pull: up}
          pir: {type: gpio, pins: [4]}
        pipelines:
          vibration:
            source: imu
            model: vibration
            window: {size: 64}
            actions:
              - when: {label: imbalance, minScore: 0.5, forWindows: 2}
                gpio: {pin: 17, holdMs: 1500}
              - when: {label: idle}
                pulse: {pin: 27, state: low, ms: 100}
        """);
    String yaml = new YAMLMapper().writeValueAsString(ConfigRedactor.toJson(original));

    assertEquals(original, fx.load(yaml));
  }
}
