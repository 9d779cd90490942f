package dev.edgeinfer.config;

import dev.edgeinfer.config.MqttConfig.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code mqtt} section. */
final class MqttReader {

  private static final List<String> KEYS = List.of("broker", "embeddedPort", "clientId", "topicPrefix", "qos",
      "credentialsFile", "tls", "statusIntervalSeconds", "keepAliveSeconds");
  private static final List<String> TLS_KEYS = List.of("caFile", "certFile", "keyFile", "verifyHostname");

  /** Paho's URL forms; a bracketed IPv6 literal or a host name, and always a port. */
  private static final Pattern BROKER =
      Pattern.compile("(tcp|ssl)://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):([0-9]{1,5})");

  private MqttReader() {}

  static MqttConfig read(ConfigNode mqtt, String deviceId) {
    mqtt.allowOnly(KEYS);
    String broker = mqtt.requiredString("broker").orElse("embedded");
    checkBroker(mqtt, broker);
    int embeddedPort = mqtt.integer("embeddedPort", 1883, 0, 65535);
    String clientId = mqtt.string("clientId").orElse("edgeinfer-" + deviceId);
    if (clientId.isEmpty()) {
      mqtt.problem("clientId", "must not be empty");
    }
    String topicPrefix = mqtt.string("topicPrefix").orElse("edgeinfer");
    checkTopicPrefix(mqtt, topicPrefix);
    int qos = mqtt.integer("qos", 1, 0, 2);
    // The password lives only in this file (first line user, second password), never in YAML.
    Optional<Path> credentialsFile = mqtt.file("credentialsFile");
    Optional<TlsConfig> tls = readTls(mqtt.mapping("tls", false));
    int statusInterval = mqtt.integer("statusIntervalSeconds", 10, 1, Integer.MAX_VALUE);
    // MQTT carries the keep-alive in 16 bits; below 5 s a Pi on Wi-Fi drops for no reason.
    int keepAlive = mqtt.integer("keepAliveSeconds", 30, 5, 65535);
    return new MqttConfig(broker, embeddedPort, clientId, topicPrefix, qos, credentialsFile, tls,
        statusInterval, keepAlive);
  }

  private static void checkBroker(ConfigNode mqtt, String broker) {
    if (broker.equals("embedded") || !mqtt.has("broker")) {
      return;
    }
    if (broker.contains("@")) {
      mqtt.problem("broker", "user and password go in credentialsFile, not in the broker URL");
      return;
    }
    Matcher m = BROKER.matcher(broker);
    if (!m.matches()) {
      mqtt.problem("broker", "must be tcp://HOST:PORT, ssl://HOST:PORT or embedded, got "
          + ConfigNode.quote(broker));
    } else if (Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65535) {
      mqtt.problem("broker", "port must be 1..65535, got " + m.group(3));
    }
  }

  /** The prefix starts every topic: wildcards are not allowed in a published topic. */
  private static void checkTopicPrefix(ConfigNode mqtt, String prefix) {
    if (prefix.isEmpty()) {
      mqtt.problem("topicPrefix", "must not be empty");
    } else if (prefix.contains("+") || prefix.contains("#")) {
      mqtt.problem("topicPrefix", "must not contain the MQTT wildcards + or #, got " + ConfigNode.quote(prefix));
    } else if (prefix.startsWith("/") || prefix.endsWith("/")) {
      mqtt.problem("topicPrefix", "must not start or end with /, got " + ConfigNode.quote(prefix));
    }
  }

  private static Optional<TlsConfig> readTls(ConfigNode tls) {
    if (!tls.isPresent()) {
      return Optional.empty();
    }
    tls.allowOnly(TLS_KEYS);
    Path caFile = tls.requiredFile("caFile");
    Optional<Path> certFile = tls.file("certFile");
    Optional<Path> keyFile = tls.file("keyFile");
    // A client certificate is useless without its key and the other way round.
    if (tls.has("certFile") && !tls.has("keyFile")) {
      tls.problem("keyFile", "required when certFile is given");
    } else if (tls.has("keyFile") && !tls.has("certFile")) {
      tls.problem("certFile", "required when keyFile is given");
    }
    boolean verifyHostname = tls.bool("verifyHostname", true);
    return Optional.of(new TlsConfig(caFile, certFile, keyFile, verifyHostname));
  }
}
