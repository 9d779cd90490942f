package dev.edgeinfer.config;

import java.util.Collections;
import java.util.LinkedHashMap;
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
    Map<String, PipelineConfig> pipelines,
    HardwareMode hardware,
    PolicyConfig policy,
    OutboxConfig outbox,
    HomeAssistantConfig homeAssistant,
    UpdatesConfig updates) {

  /**
   * With {@code hardware: auto}, the precision policy's, the outbox's and the updates' defaults, Home Assistant
   * discovery off.
   */
  public EdgeConfig(DeviceConfig device, MqttConfig mqtt, Map<String, ModelConfig> models,
      Map<String, SensorConfig> sensors, Map<String, PipelineConfig> pipelines) {
    this(device, mqtt, models, sensors, pipelines, HardwareMode.AUTO, PolicyConfig.DEFAULTS, OutboxConfig.DEFAULTS,
        HomeAssistantConfig.DISABLED, UpdatesConfig.DEFAULTS);
  }

  /** Without an {@code updates} section (its defaults). */
  public EdgeConfig(DeviceConfig device, MqttConfig mqtt, Map<String, ModelConfig> models,
      Map<String, SensorConfig> sensors, Map<String, PipelineConfig> pipelines, HardwareMode hardware,
      PolicyConfig policy, OutboxConfig outbox, HomeAssistantConfig homeAssistant) {
    this(device, mqtt, models, sensors, pipelines, hardware, policy, outbox, homeAssistant, UpdatesConfig.DEFAULTS);
  }

  public EdgeConfig {
    models = ordered(models);
    sensors = ordered(sensors);
    pipelines = ordered(pipelines);
  }

  // Map.copyOf would lose the YAML's order, which status documents and logs follow.
  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
