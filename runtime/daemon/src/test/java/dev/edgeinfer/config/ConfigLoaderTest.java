package dev.edgeinfer.config;

import static dev.edgeinfer.config.ConfigFixture.MINIMAL;
import static dev.edgeinfer.config.ConfigFixture.minimalWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.config.PreprocessingConfig.Features;
import dev.edgeinfer.config.PreprocessingConfig.Normalize;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;
  ConfigFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ConfigFixture(dir);
  }

  @Test
  void load_minimalConfig_appliesEveryDefault() throws Exception {
    EdgeConfig c = fx.load(MINIMAL);

    assertEquals(new DeviceConfig("pi-lab-01", List.of(), ConfigFixture.DEFAULT_STATE_DIR), c.device());
    assertEquals(new MqttConfig("tcp://127.0.0.1:1883", 1883, "edgeinfer-pi-lab-01", "edgeinfer", 1,
        Optional.empty(), Optional.empty(), 10, 30), c.mqtt());
    assertEquals(new ModelConfig("vibration", "1", dir.resolve("models/vibration_int8.tflite"),
        Optional.empty(), Optional.empty(), EngineKind.AUTO, 1), c.models().get("vibration"));
    assertEquals(new SensorConfig.Synthetic("motor", 400, 1,
        List.of("idle", "normal", "imbalance", "bearing_wear"), 10, true), c.sensors().get("motor"));
    assertEquals(new PipelineConfig("vibration", "motor", "vibration", new PipelineConfig.WindowConfig(128, 128),
        new PreprocessingConfig(Normalize.NONE, Features.RAW, 8, true), OutputKind.CLASSIFICATION),
        c.pipelines().get("vibration"));
  }

  @Test
  void load_relativePaths_resolveAgainstTheConfigFolderNotTheWorkingDirectory() throws Exception {
    String yaml = minimalWith("  id: pi-lab-01\n", "  id: pi-lab-01\n  stateDir: state/../var\n")
        .replace("type: synthetic", "type: replay\n    file: ./data/run1.csv");
    EdgeConfig c = fx.load(yaml);
    assertEquals(dir.resolve("var"), c.device().stateDir());
    assertEquals(dir.resolve("models/vibration_int8.tflite"), c.models().get("vibration").int8());
    assertEquals(new SensorConfig.Replay("motor", dir.resolve("data/run1.csv"), true, false), c.sensors().get("motor"));
  }

  @Test
  void load_fullConfig_readsEveryKey() throws Exception {
    fx.placeholder("secrets/mqtt.credentials");
    fx.placeholder("tls/ca.pem");
    fx.placeholder("tls/client.pem");
    fx.placeholder("tls/client.key");
    EdgeConfig c = fx.load("""
        device: {id: pi-lab-01, groups: [lab, floor-2], stateDir: /srv/edge}
        mqtt:
          broker: ssl://broker.example.com:8883
          embeddedPort: 2883
          clientId: lab-one
          topicPrefix: plant/edge
          qos: 2
          credentialsFile: secrets/mqtt.credentials
          tls: {caFile: tls/ca.pem, certFile: tls/client.pem, keyFile: tls/client.key, verifyHostname: false}
          statusIntervalSeconds: 5
          keepAliveSeconds: 60
        models:
          vibration:
            version: 3
            int8: models/vibration_int8.tflite
            fp32: models/vibration_fp32.tflite
            labels: models/vibration.labels
            engine: java
            threads: 4
        sensors:
          motor: {type: synthetic, rateHz: 1000.5, seed: -7, states: [imbalance, idle], stateSeconds: 0.5, realtime: false}
          log: {type: replay, file: data/run1.csv, realtime: false, loop: true}
        pipelines:
          vibration:
            source: log
            model: vibration
            window: {size: 256, hop: 32}
            preprocessing: {normalize: remove-mean, features: band-energies, bands: 128, logScale: false}
            output: regression
        """);

    assertEquals(new DeviceConfig("pi-lab-01", List.of("lab", "floor-2"), Path.of("/srv/edge")), c.device());
    assertEquals(new MqttConfig("ssl://broker.example.com:8883", 2883, "lab-one", "plant/edge", 2,
        Optional.of(dir.resolve("secrets/mqtt.credentials")),
        Optional.of(new MqttConfig.TlsConfig(dir.resolve("tls/ca.pem"), Optional.of(dir.resolve("tls/client.pem")),
            Optional.of(dir.resolve("tls/client.key")), false)), 5, 60), c.mqtt());
    assertEquals(new ModelConfig("vibration", "3", dir.resolve("models/vibration_int8.tflite"),
        Optional.of(dir.resolve("models/vibration_fp32.tflite")), Optional.of(dir.resolve("models/vibration.labels")),
        EngineKind.JAVA, 4), c.models().get("vibration"));
    assertEquals(new SensorConfig.Synthetic("motor", 1000.5, -7, List.of("imbalance", "idle"), 0.5, false),
        c.sensors().get("motor"));
    assertEquals(new SensorConfig.Replay("log", dir.resolve("data/run1.csv"), false, true), c.sensors().get("log"));
    assertEquals(List.of("motor", "log"), List.copyOf(c.sensors().keySet()));
    assertEquals(new PipelineConfig("vibration", "log", "vibration", new PipelineConfig.WindowConfig(256, 32),
        new PreprocessingConfig(Normalize.REMOVE_MEAN, Features.BAND_ENERGIES, 128, false), OutputKind.REGRESSION),
        c.pipelines().get("vibration"));
  }

  @Test
  void load_unknownKey_namesTheKnownOnes() {
    assertEquals(List.of("device.foo: unknown key (known: id, groups, stateDir)"),
        fx.problems(minimalWith("  id: pi-lab-01\n", "  id: pi-lab-01\n  foo: 1\n")));
  }

  @Test
  void load_wrongType_quotesWhatWasGiven() {
    assertEquals(List.of("sensors.motor.rateHz: expected a number, got \"fast\""),
        fx.problems(minimalWith("type: synthetic", "type: synthetic\n    rateHz: fast")));
  }

  @Test
  void load_missingRequiredKey_isReportedOnce() {
    assertEquals(List.of("device.id: required key is missing"),
        fx.problems(minimalWith("  id: pi-lab-01\n", "  groups: [lab]\n")));
  }

  @Test
  void load_missingSection_isReportedWithoutRepeatingItsKeys() {
    assertEquals(List.of("mqtt: required key is missing"),
        fx.problems(minimalWith("mqtt:\n  broker: tcp://127.0.0.1:1883\n", "")));
  }

  @Test
  void load_missingFile_givesTheAbsolutePath() {
    assertEquals(List.of("models.vibration.int8: file not found: " + dir.resolve("models/nope.tflite")),
        fx.problems(minimalWith("models/vibration_int8.tflite", "models/nope.tflite")));
  }

  @Test
  void load_qosOutOfRange_listsTheAllowedValues() {
    assertEquals(List.of("mqtt.qos: must be 0, 1 or 2, got 5"),
        fx.problems(minimalWith("tcp://127.0.0.1:1883", "tcp://127.0.0.1:1883\n  qos: 5")));
  }

  @Test
  void load_windowSizeZero_namesTheBound() {
    assertEquals(List.of("pipelines.vibration.window.size: must be > 0, got 0"),
        fx.problems(minimalWith("{size: 128}", "{size: 0}")));
  }

  @Test
  void load_danglingReference_listsWhatExists() {
    assertEquals(List.of("pipelines.vibration.source: no sensor named \"moter\" (sensors: motor)"),
        fx.problems(minimalWith("source: motor", "source: moter")));
  }

  @Test
  void load_referenceWithNoModelsAtAll_saysNoneAreConfigured() {
    String yaml = minimalWith("models:\n  vibration:\n    int8: models/vibration_int8.tflite\n", "");
    assertEquals(List.of("pipelines.vibration.model: no model named \"vibration\" (none are configured)"),
        fx.problems(yaml));
  }

  @Test
  void load_bandEnergiesOnAWindowThatIsNotAPowerOfTwo_isRefused() {
    assertEquals(List.of("pipelines.vibration.preprocessing.features: band-energies needs window.size a power of two, got 100"),
        fx.problems(minimalWith("{size: 128}", "{size: 100}\n    preprocessing: {features: band-energies}")));
  }

  @Test
  void load_tooManyBands_namesTheLimitForThisWindow() {
    assertEquals(List.of("pipelines.vibration.preprocessing.bands: must be <= window.size / 2 (8) for band-energies, got 9"),
        fx.problems(minimalWith("{size: 128}", "{size: 16}\n    preprocessing: {features: band-energies, bands: 9}")));
  }

  @Test
  void load_badDeviceIdAndUnknownEnum_areBothValueErrors() {
    String yaml = minimalWith("id: pi-lab-01", "id: pi/lab 01")
        .replace("int8: models/vibration_int8.tflite", "int8: models/vibration_int8.tflite\n    engine: gpu");
    assertEquals(List.of(
        "device.id: must match [A-Za-z0-9_-]+ (it is part of MQTT topics), got \"pi/lab 01\"",
        "models.vibration.engine: must be one of auto, tflite, java, got \"gpu\""), fx.problems(yaml));
  }

  @Test
  void load_severalMistakes_reportsAllInFileOrder() {
    String yaml = """
        device: {id: pi-lab-01, groups: [lab, "a+b"], color: red}
        mqtt: {broker: "mqtt://x", qos: 5, tls: {certFile: tls/client.pem}}
        models:
          vibration: {int8: models/vibration_int8.tflite, threads: 0}
        sensors:
          motor: {type: synthetic, states: [idle, spinning]}
          cam: {type: camera}
        pipelines:
          vibration: {source: motor, model: vibraton, window: {size: 128, hop: 0}, output: text}
        extra: true
        """;
    assertEquals(List.of(
        "extra: unknown key (known: device, mqtt, hardware, models, sensors, pipelines, policy, outbox, homeassistant, updates)",
        "device.color: unknown key (known: id, groups, stateDir)",
        "device.groups[1]: must match [A-Za-z0-9_-]+ (it is part of MQTT topics), got \"a+b\"",
        "mqtt.broker: must be tcp://HOST:PORT, ssl://HOST:PORT or embedded, got \"mqtt://x\"",
        "mqtt.qos: must be 0, 1 or 2, got 5",
        "mqtt.tls.caFile: required key is missing",
        "mqtt.tls.certFile: file not found: " + dir.resolve("tls/client.pem"),
        "mqtt.tls.keyFile: required when certFile is given",
        "models.vibration.threads: must be > 0, got 0",
        "sensors.motor.states[1]: must be one of idle, normal, imbalance, bearing_wear, got \"spinning\"",
        "sensors.cam.type: must be one of synthetic, replay, gpio, i2c, spi, got \"camera\"",
        "pipelines.vibration.model: no model named \"vibraton\" (models: vibration)",
        "pipelines.vibration.window.hop: must be > 0, got 0",
        "pipelines.vibration.output: must be one of classification, regression, got \"text\""),
        fx.problems(yaml));
  }

  @Test
  void load_yamlSyntaxError_isOneProblemWithLineAndColumn() {
    Path file = dir.resolve("config.yaml");
    assertEquals(List.of(file + ": line 3, column 2: YAML syntax error: while parsing a block mapping; "
            + "expected <block end>, but found '<block mapping start>'"),
        fx.problems("device:\n  id: x\n mqtt: 1\n"));
  }

  @Test
  void load_duplicateKey_isASyntaxError() {
    Path file = dir.resolve("config.yaml");
    assertEquals(List.of(file + ": line 2, column 7: YAML syntax error: Duplicate field 'device'"),
        fx.problems("device: {id: a}\ndevice: {id: b}\n"));
  }

  @Test
  void load_missingConfigFile_isAProblem() {
    Path missing = dir.resolve("absent.yaml");
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
        ConfigException.class, () -> ConfigLoader.load(missing, List.of()));
    assertEquals(List.of(new ConfigProblem(missing.toString(), "file not found")), e.problems());
  }

  @Test
  void load_emptyFile_reportsTheRequiredSections() {
    assertEquals(List.of("device: required key is missing", "mqtt: required key is missing"), fx.problems(""));
  }

  @Test
  void load_documentThatIsAList_isRefusedAsAWhole() {
    assertEquals(List.of(dir.resolve("config.yaml")
            + ": expected a mapping with the sections device, mqtt, hardware, models, sensors, pipelines, policy, outbox, homeassistant, updates, got a list"),
        fx.problems("- device\n- mqtt\n"));
  }
}
