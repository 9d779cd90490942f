package dev.edgeinfer.config;

/**
 * {@code homeassistant}: Home Assistant MQTT discovery. When enabled, every pipeline appears in
 * Home Assistant as sensors under one device. Immutable.
 */
public record HomeAssistantConfig(boolean enabled, String discoveryPrefix) {
  public static final HomeAssistantConfig DISABLED = new HomeAssistantConfig(false, "homeassistant");
}
