package dev.edgeinfer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema (for editors) and the loader (for the daemon) must agree: every example config
 * passes both, and each broken document fails both, the loader naming the key at fault.
 */
class ConfigSchemaTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static Path deviceConfig;
  private static JsonSchema schema;

  @TempDir Path tmp;

  @BeforeAll
  static void loadSchema() throws IOException {
    deviceConfig = repoRoot().resolve("device-config");
    JsonNode schemaJson = new ObjectMapper().readTree(deviceConfig.resolve("schema/edgeinfer-config.schema.json").toFile());
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
  }

  /** Walks up from the working directory (Maven runs tests in the module folder). */
  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("device-config"))) {
        return p;
      }
    }
    throw new IllegalStateException("no device-config folder above " + Path.of("").toAbsolutePath());
  }

  static List<Path> exampleConfigs() throws IOException {
    try (Stream<Path> files = Files.list(repoRoot().resolve("device-config"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void examples_thereAreAtLeastTheDemoThePi4AndTheThreeBoardConfigs() throws IOException {
    List<String> names = exampleConfigs().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("demo.yaml", "pi4-mosquitto.yaml", "pi4-mpu6050.yaml",
        "pizero2w-pir-relay.yaml", "pi5-ups-bme280.yaml", "pi5-failover.yaml", "pi4-ups-policy.yaml")),
        names.toString());
  }

  @ParameterizedTest
  @MethodSource("exampleConfigs")
  void example_passesTheSchemaAndTheLoader(Path example) throws Exception {
    JsonNode tree = YAML.readTree(example.toFile());
    assertEquals(Set.of(), schema.validate(tree));

    Path copy = copyWithReferencedFiles(example, tree);
    EdgeConfig config = ConfigLoader.load(copy, List.of());
    assertEquals(tree.get("device").get("id").asText(), config.device().id());
    assertEquals(List.copyOf(fieldNames(tree.get("pipelines"))), List.copyOf(config.pipelines().keySet()));
  }

  @Test
  void demo_isTheDocumentedDemo() throws Exception {
    JsonNode tree = YAML.readTree(deviceConfig.resolve("demo.yaml").toFile());
    EdgeConfig c = ConfigLoader.load(copyWithReferencedFiles(deviceConfig.resolve("demo.yaml"), tree), List.of());
    assertEquals("demo-01", c.device().id());
    assertTrue(c.mqtt().isEmbedded());
    assertEquals(new SensorConfig.Synthetic("motor", 400, 42, List.of("idle", "normal", "imbalance", "bearing_wear"), 8, true),
        c.sensors().get("motor"));
    assertEquals(new PipelineConfig("vibration", "motor", "vibration", new PipelineConfig.WindowConfig(128, 64),
            new PreprocessingConfig(PreprocessingConfig.Normalize.REMOVE_MEAN, PreprocessingConfig.Features.BAND_ENERGIES, 8, true),
            PipelineConfig.OutputKind.CLASSIFICATION),
        c.pipelines().get("vibration"));
  }

  @Test
  void failoverExample_readsBrokerListProtocolOutboxAndHomeAssistant() throws Exception {
    Path yaml = deviceConfig.resolve("pi5-failover.yaml");
    EdgeConfig c = ConfigLoader.load(copyWithReferencedFiles(yaml, YAML.readTree(yaml.toFile())), List.of());
    assertEquals(List.of("tcp://mqtt-a.plant.lan:1883", "tcp://mqtt-b.plant.lan:1883"), c.mqtt().brokers());
    assertEquals("tcp://mqtt-a.plant.lan:1883", c.mqtt().broker());
    assertEquals(MqttConfig.Protocol.MQTT_3_1_1, c.mqtt().protocol());
    assertEquals(new OutboxConfig(500_000, 134_217_728, OutboxConfig.Overflow.DROP_OLDEST, 20, 1000,
        OutboxConfig.DrainOrder.NEWEST_FIRST, true), c.outbox());
    assertEquals(new HomeAssistantConfig(true, "homeassistant"), c.homeAssistant());
    UpdatesConfig u = c.updates();
    assertEquals(new UpdatesConfig(u.trustedKeys(), 3, 16_777_216, UpdatesConfig.DEFAULTS.maxUncompressedBytes(),
        new UpdatesConfig.TrialConfig(50, 60), 120, 0.8), u);
    assertEquals(1, u.trustedKeys().size());
    assertTrue(u.trustedKeys().get(0).isAbsolute() && u.trustedKeys().get(0).endsWith("keys/fleet.pub"),
        u.trustedKeys().toString());
  }

  @Test
  void demo_outboxAndHomeAssistantDefaults() throws Exception {
    Path yaml = deviceConfig.resolve("demo.yaml");
    EdgeConfig c = ConfigLoader.load(copyWithReferencedFiles(yaml, YAML.readTree(yaml.toFile())), List.of());
    assertEquals(OutboxConfig.DEFAULTS, c.outbox());
    assertEquals(HomeAssistantConfig.DISABLED, c.homeAssistant());
    assertEquals(UpdatesConfig.DEFAULTS, c.updates());
    assertEquals(MqttConfig.Protocol.MQTT_5, c.mqtt().protocol());
    assertEquals(List.of("embedded"), c.mqtt().brokers());
  }

  static Stream<Arguments> brokenDocuments() {
    return Stream.of(
        broken("extra", root -> root.put("extra", 1)),
        broken("device.id", root -> obj(root, "device").put("id", "pi/01")),
        broken("mqtt", root -> root.remove("mqtt")),
        broken("mqtt.qos", root -> obj(root, "mqtt").put("qos", 5)),
        broken("mqtt.broker", root -> obj(root, "mqtt").put("broker", "mqtt://x")),
        broken("mqtt.protocol", root -> obj(root, "mqtt").put("protocol", "3.1")),
        broken("mqtt.brokers", root -> obj(root, "mqtt").putArray("brokers").add("tcp://a:1883")),
        broken("mqtt.brokers[1]", root -> {
          obj(root, "mqtt").remove("broker");
          obj(root, "mqtt").putArray("brokers").add("tcp://a:1883").add("embedded");
        }),
        broken("outbox.overflow", root -> root.putObject("outbox").put("overflow", "block")),
        broken("outbox.maxMessages", root -> root.putObject("outbox").put("maxMessages", 0)),
        broken("outbox.commitIntervalMillis", root -> root.putObject("outbox").put("commitIntervalMillis", 60_000)),
        broken("outbox.syncIntervalMillis", root -> root.putObject("outbox").put("syncIntervalMillis", -1)),
        broken("outbox.drainOrder", root -> root.putObject("outbox").put("drainOrder", "random")),
        broken("homeassistant.enabled", root -> root.putObject("homeassistant").put("enabled", "yes")),
        broken("updates.keepVersions", root -> root.putObject("updates").put("keepVersions", 1)),
        broken("updates.trustedKeys[0]", root -> root.putObject("updates").putArray("trustedKeys").add(5)),
        broken("updates.trial.seconds", root -> root.putObject("updates").putObject("trial").put("seconds", -1)),
        broken("updates.maxBundleBytes", root -> root.putObject("updates").put("maxBundleBytes", 100)),
        broken("updates.colour", root -> root.putObject("updates").put("colour", 1)),
        broken("mqtt.tls.caFile", root -> obj(root, "mqtt").putObject("tls").put("verifyHostname", true)),
        broken("models.vibration.int8", root -> obj(root, "models", "vibration").remove("int8")),
        broken("models.vibration.engine", root -> obj(root, "models", "vibration").put("engine", "gpu")),
        broken("sensors.motor.rateHz", root -> obj(root, "sensors", "motor").put("rateHz", "fast")),
        broken("sensors.motor.states", root -> obj(root, "sensors", "motor").putArray("states")),
        broken("sensors.motor.type", root -> obj(root, "sensors", "motor").put("type", "camera")),
        broken("pipelines.vibration.window.size", root -> obj(root, "pipelines", "vibration", "window").put("size", 0)),
        broken("pipelines.vibration.window.colour", root -> obj(root, "pipelines", "vibration", "window").put("colour", 1)),
        broken("hardware", root -> root.put("hardware", "gpu")),
        broken("sensors.door.pins[0]", root -> obj(root, "sensors").putObject("door").put("type", "gpio")
            .putArray("pins").add(40)),
        broken("sensors.door.rateHz", root -> obj(root, "sensors").putObject("door").put("type", "gpio")
            .put("mode", "counter").put("rateHz", 5).putArray("pins").add(5)),
        broken("sensors.imu.address", root -> obj(root, "sensors").putObject("imu").put("type", "i2c")
            .put("device", "mpu6050").put("address", 0x70)),
        broken("sensors.imu.device", root -> obj(root, "sensors").putObject("imu").put("type", "i2c")
            .put("device", "bmp180")),
        broken("sensors.adc.channels[1]", root -> obj(root, "sensors").putObject("adc").put("type", "spi")
            .put("device", "mcp3008").putArray("channels").add(0).add(8)),
        broken("pipelines.vibration.actions[0].gpio.state", root -> obj(root, "pipelines", "vibration")
            .putArray("actions").addObject().<ObjectNode>set("when", YAML.createObjectNode().put("label", "idle"))
            .putObject("gpio").put("pin", 17).put("state", "on")),
        broken("pipelines.vibration.actions[0]", root -> obj(root, "pipelines", "vibration")
            .putArray("actions").addObject().putObject("when").put("label", "idle")),
        broken("pipelines.vibration.preprocessing.features",
            root -> obj(root, "pipelines", "vibration", "window").put("size", 100).put("hop", 50)),
        broken("pipelines.vibration.precision.mode",
            root -> obj(root, "pipelines", "vibration").putObject("precision").put("mode", "fp16")),
        broken("pipelines.vibration.precision.worth.agreementBelow",
            root -> obj(root, "pipelines", "vibration").putObject("precision").putObject("worth").put("agreementBelow", 2)),
        broken("policy.power.source", root -> root.putObject("policy").putObject("power").put("source", "battery-hat")),
        broken("policy.power.file", root -> root.putObject("policy").putObject("power").put("source", "file")),
        broken("policy.allow.minBatteryPercent",
            root -> root.putObject("policy").putObject("allow").put("minBatteryPercent", 101)),
        broken("policy.colour", root -> root.putObject("policy").put("colour", "red")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenDocuments")
  void brokenDocument_isRejectedByTheSchemaAndTheLoader(String badPath, Consumer<ObjectNode> breakIt) throws Exception {
    ObjectNode tree = (ObjectNode) YAML.readTree(deviceConfig.resolve("demo.yaml").toFile());
    breakIt.accept(tree);

    Set<ValidationMessage> schemaErrors = schema.validate(tree);
    assertFalse(schemaErrors.isEmpty(), "the schema accepted a document broken at " + badPath);

    Path dir = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(dir.resolve("demo.yaml"), YAML.writeValueAsString(tree));
    Path file = copyWithReferencedFiles(dir.resolve("demo.yaml"), tree);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertEquals(List.of(badPath), e.problems().stream().map(ConfigProblem::path).toList(), e.getMessage());
  }

  private static Arguments broken(String badPath, Consumer<ObjectNode> breakIt) {
    return Arguments.of(badPath, breakIt);
  }

  private static ObjectNode obj(ObjectNode root, String... keys) {
    ObjectNode node = root;
    for (String key : keys) {
      node = (ObjectNode) node.get(key);
    }
    return node;
  }

  /**
   * Copies {@code yaml} into a temp dir with the files it names: the real one when it is in the
   * repository (data/*.csv), else a placeholder (the models are built by another step).
   */
  private Path copyWithReferencedFiles(Path yaml, JsonNode tree) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("copy-" + yaml.getFileName()));
    Path copy = Files.copy(yaml, dir.resolve(yaml.getFileName()));
    List<String> referenced = new ArrayList<>();
    for (JsonNode model : iterable(tree.path("models"))) {
      Stream.of("int8", "fp32", "labels").filter(model::has).forEach(k -> referenced.add(model.get(k).asText()));
    }
    for (JsonNode key : iterable(tree.path("updates").path("trustedKeys"))) {
      referenced.add(key.asText());
    }
    for (JsonNode sensor : iterable(tree.path("sensors"))) {
      if (sensor.has("file")) {
        referenced.add(sensor.get("file").asText());
      }
    }
    for (String relative : referenced) {
      Path target = dir.resolve(relative);
      Files.createDirectories(target.getParent());
      Path original = deviceConfig.resolve(relative);
      if (Files.isRegularFile(original)) {
        Files.copy(original, target);
      } else {
        Files.writeString(target, "placeholder\n");
      }
    }
    return copy;
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node::elements;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
