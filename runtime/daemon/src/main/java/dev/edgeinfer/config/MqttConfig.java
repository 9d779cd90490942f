package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code mqtt}: where results go. {@code broker} is a {@code tcp://}, {@code ssl://} URL or the
 * word {@code embedded} (start an in-process broker on 127.0.0.1:{@code embeddedPort}; 0 takes any
 * free port). {@code brokers} is the failover list, tried in order on every connect; {@code
 * broker} is its first entry. Immutable.
 */
public record MqttConfig(
    String broker,
    List<String> brokers,
    Protocol protocol,
    int embeddedPort,
    String clientId,
    String topicPrefix,
    int qos,
    Optional<Path> credentialsFile,
    Optional<TlsConfig> tls,
    int statusIntervalSeconds,
    int keepAliveSeconds) {

  public MqttConfig {
    brokers = List.copyOf(brokers);
  }

  /** One broker, MQTT 5. */
  public MqttConfig(String broker, int embeddedPort, String clientId, String topicPrefix, int qos,
      Optional<Path> credentialsFile, Optional<TlsConfig> tls, int statusIntervalSeconds, int keepAliveSeconds) {
    this(broker, List.of(broker), Protocol.MQTT_5, embeddedPort, clientId, topicPrefix, qos, credentialsFile, tls,
        statusIntervalSeconds, keepAliveSeconds);
  }

  public boolean isEmbedded() {
    return "embedded".equals(broker);
  }

  /** A copy with another protocol. */
  public MqttConfig withProtocol(Protocol p) {
    return new MqttConfig(broker, brokers, p, embeddedPort, clientId, topicPrefix, qos, credentialsFile, tls,
        statusIntervalSeconds, keepAliveSeconds);
  }

  /** A copy with another broker list (the first is {@link #broker()}). */
  public MqttConfig withBrokers(List<String> urls) {
    return new MqttConfig(urls.get(0), urls, protocol, embeddedPort, clientId, topicPrefix, qos, credentialsFile, tls,
        statusIntervalSeconds, keepAliveSeconds);
  }

  /** {@code mqtt.tls}: PEM files, as Mosquitto and AWS IoT Core issue them. */
  public record TlsConfig(Path caFile, Optional<Path> certFile, Optional<Path> keyFile, boolean verifyHostname) {}

  /** {@code mqtt.protocol}: {@code 5} (default) or {@code 3.1.1}, for brokers without MQTT 5. */
  public enum Protocol {
    MQTT_5("5"),
    MQTT_3_1_1("3.1.1");

    private final String configName;

    Protocol(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }
}
