package dev.edgeinfer.config;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code models} section: one {@link ModelConfig} per name. */
final class ModelsReader {

  private static final List<String> KEYS = List.of("version", "int8", "fp32", "labels", "engine", "threads");

  private ModelsReader() {}

  static Map<String, ModelConfig> read(ConfigNode models) {
    Map<String, ModelConfig> out = new LinkedHashMap<>();
    models.namedEntries().forEach((name, model) -> out.put(name, readModel(name, model)));
    return out;
  }

  private static ModelConfig readModel(String name, ConfigNode model) {
    model.allowOnly(KEYS);
    // Versions are compared as text; "version: 3" in YAML is a number, and means "3".
    String version = model.stringOrNumber("version").orElse("1");
    if (version.isBlank()) {
      model.problem("version", "must not be empty");
    }
    return new ModelConfig(
        name,
        version,
        model.requiredFile("int8"),
        model.file("fp32"),
        model.file("labels"),
        model.choice("engine", EngineKind.AUTO, EngineKind::configName),
        model.integer("threads", 1, 1, 64));
  }
}
