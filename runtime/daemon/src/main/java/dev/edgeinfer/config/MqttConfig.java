package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mqtt}: where results go. {@code broker} is a {@code tcp://}, {@code ssl://} URL or the
 * word {@code embedded} (start an in-process broker on 127.0.0.1:{@code embeddedPort}; 0 takes any free port).
 */
public record MqttConfig(
    String broker,
    int embeddedPort,
    String clientId,
    String topicPrefix,
    int qos,
    Optional<Path> credentialsFile,
    Optional<TlsConfig> tls,
    int statusIntervalSeconds,
    int keepAliveSeconds) {

  public boolean isEmbedded() {
    return "embedded".equals(broker);
  }

  /** {@code mqtt.tls}: PEM files, as Mosquitto and AWS IoT Core issue them. */
  public record TlsConfig(Path caFile, Optional<Path> certFile, Optional<Path> keyFile, boolean verifyHostname) {}
}
