package dev.edgeinfer.publish;

import dev.edgeinfer.config.MqttConfig;
import java.util.Optional;
import java.util.UUID;

/** MqttConfig values for tests: a unique client id so parallel or repeated runs never share a session. */
final class TestConfigs {
  private TestConfigs() {}

  static MqttConfig mqtt(String url) {
    return new MqttConfig(url, 0, "test-" + UUID.randomUUID(), "edgeinfer", 1, Optional.empty(), Optional.empty(), 60, 10);
  }

  static MqttConfig mqtt(String url, MqttConfig.TlsConfig tls) {
    return new MqttConfig(url, 0, "test-" + UUID.randomUUID(), "edgeinfer", 1, Optional.empty(), Optional.of(tls), 60, 10);
  }
}
