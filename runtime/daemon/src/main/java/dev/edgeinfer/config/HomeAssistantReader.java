package dev.edgeinfer.config;

import java.util.List;

/** Reads the {@code homeassistant} section (absent: discovery off). */
final class HomeAssistantReader {

  private static final List<String> KEYS = List.of("enabled", "discoveryPrefix");

  private HomeAssistantReader() {}

  static HomeAssistantConfig read(ConfigNode ha) {
    ha.allowOnly(KEYS);
    boolean enabled = ha.bool("enabled", false);
    String prefix = ha.string("discoveryPrefix").orElse(HomeAssistantConfig.DISABLED.discoveryPrefix());
    if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.startsWith("/") || prefix.endsWith("/")) {
      ha.problem("discoveryPrefix", "must be a topic prefix without + or # and without a leading or trailing /, got "
          + ConfigNode.quote(prefix));
    }
    return new HomeAssistantConfig(enabled, prefix);
  }
}
