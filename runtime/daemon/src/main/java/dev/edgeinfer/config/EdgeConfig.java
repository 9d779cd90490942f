package dev.edgeinfer.config;

import java.util.Map;

/**
 * The whole device configuration, as loaded and validated by {@link ConfigLoader}. Immutable;
 * maps keep the YAML's key order. Relative file paths have already been resolved against the
 * config file's folder.
 */
public record EdgeConfig(
    DeviceConfig device,
    MqttConfig mqtt,
    Map<String, ModelConfig> models,
    Map<String, SensorConfig> sensors,
    Map<String, PipelineConfig> pipelines) {

  public EdgeConfig {
    models = Map.copyOf(models);
    sensors = Map.copyOf(sensors);
    pipelines = Map.copyOf(pipelines);
  }
}
