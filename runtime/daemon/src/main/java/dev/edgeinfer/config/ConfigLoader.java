package dev.edgeinfer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loads a device config: YAML into a tree, {@code --set} overrides onto the tree, then one walk of
 * the tree (a reader per section) that collects every problem. Either the whole config is valid and
 * comes back as immutable records, or a {@link ConfigException} lists everything wrong with it.
 */
public final class ConfigLoader {

  static final List<String> SECTIONS = List.of("device", "mqtt", "hardware", "models", "sensors", "pipelines", "policy",
      "outbox", "homeassistant", "updates");

  private ConfigLoader() {}

  public static EdgeConfig load(Path file) throws ConfigException {
    return load(file, List.of());
  }

  /** {@code overrides} are {@code key.path=value} strings, applied in order before validation. */
  public static EdgeConfig load(Path file, List<String> overrides) throws ConfigException {
    return load(file, overrides, DefaultStateDir::fromEnvironment);
  }

  /** With the default state directory given, so tests do not depend on this machine. */
  static EdgeConfig load(Path file, List<String> overrides, Supplier<Path> defaultStateDir)
      throws ConfigException {
    List<ConfigProblem> problems = new ArrayList<>();
    Optional<JsonNode> tree = YamlSource.readFile(file, problems);
    if (tree.isEmpty()) {
      throw new ConfigException(problems);
    }
    ObjectNode root;
    if (tree.get().isObject()) {
      root = (ObjectNode) tree.get();
    } else if (tree.get().isMissingNode() || tree.get().isNull()) {
      root = JsonNodeFactory.instance.objectNode(); // an empty file: report the missing sections
    } else {
      problems.add(new ConfigProblem(file.toString(), "expected a mapping with the sections "
          + String.join(", ", SECTIONS) + ", got " + ConfigNode.describe(tree.get())));
      throw new ConfigException(problems);
    }
    ConfigOverrides.apply(root, overrides, problems);
    Path baseDir = file.toAbsolutePath().normalize().getParent();
    EdgeConfig config = read(ConfigNode.root(root, baseDir, problems), defaultStateDir);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private static EdgeConfig read(ConfigNode root, Supplier<Path> defaultStateDir) {
    root.allowOnly(SECTIONS);
    DeviceConfig device = DeviceReader.read(root.mapping("device", true), defaultStateDir);
    MqttConfig mqtt = MqttReader.read(root.mapping("mqtt", true), device.id());
    ConfigNode models = root.mapping("models", false);
    HardwareMode hardware = root.choice("hardware", HardwareMode.AUTO, HardwareMode::configName);
    Map<String, ModelConfig> modelConfigs = ModelsReader.read(models);
    ConfigNode sensors = root.mapping("sensors", false);
    Map<String, SensorConfig> sensorConfigs = SensorsReader.read(sensors);
    Map<String, PipelineConfig> pipelines =
        PipelinesReader.read(root.mapping("pipelines", false), sensors.keys(), models.keys());
    HardwareClaims.check(root, sensorConfigs, pipelines);
    PrecisionReader.checkAgainstModels(root, pipelines, modelConfigs);
    PolicyConfig policy = PolicyReader.read(root.mapping("policy", false));
    PolicyReader.checkPowerSensor(root, policy, sensorConfigs, pipelines);
    return new EdgeConfig(device, mqtt, modelConfigs, sensorConfigs, pipelines, hardware, policy,
        OutboxReader.read(root.mapping("outbox", false)), HomeAssistantReader.read(root.mapping("homeassistant", false)),
        UpdatesReader.read(root.mapping("updates", false)));
  }
}
