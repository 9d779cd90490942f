package dev.edgeinfer.config;

import dev.edgeinfer.config.MqttConfig.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code mqtt} section. */
final class MqttReader {

  private static final List<String> KEYS = List.of("broker", "brokers", "protocol", "embeddedPort", "clientId", "topicPrefix", "qos",
      "credentialsFile", "tls", "statusIntervalSeconds", "keepAliveSeconds");
  private static final List<String> TLS_KEYS = List.of("caFile", "certFile", "keyFile", "verifyHostname");

  /** Paho's URL forms; a bracketed IPv6 literal or a host name, and always a port. */
  private static final Pattern BROKER =
      Pattern.compile("(tcp|ssl)://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):([0-9]{1,5})");

  private MqttReader() {}

  static MqttConfig read(ConfigNode mqtt, String deviceId) {
    mqtt.allowOnly(KEYS);
    List<String> brokers = readBrokers(mqtt);
    String broker = brokers.get(0);
    MqttConfig.Protocol protocol = readProtocol(mqtt);
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
    if (tls.isPresent()) {
      for (String url : brokers) {
        if (url.startsWith("tcp://")) {
          mqtt.problem(mqtt.has("brokers") ? "brokers" : "broker", "tls is set, so every broker must be an ssl:// URL, got "
              + ConfigNode.quote(url));
          break;
        }
      }
    }
    int statusInterval = mqtt.integer("statusIntervalSeconds", 10, 1, Integer.MAX_VALUE);
    // MQTT carries the keep-alive in 16 bits; below 5 s a Pi on Wi-Fi drops for no reason.
    int keepAlive = mqtt.integer("keepAliveSeconds", 30, 5, 65535);
    return new MqttConfig(broker, brokers, protocol, embeddedPort, clientId, topicPrefix, qos, credentialsFile, tls,
        statusInterval, keepAlive);
  }

  /** {@code broker} (one URL or embedded) or {@code brokers} (a failover list of URLs): exactly one of them. */
  private static List<String> readBrokers(ConfigNode mqtt) {
    if (mqtt.has("brokers")) {
      if (mqtt.has("broker")) {
        mqtt.problem("brokers", "give either broker or brokers, not both");
      }
      List<String> list = mqtt.strings("brokers", List.of(), url -> brokerProblem(url, false));
      if (list.isEmpty()) {
        mqtt.problem("brokers", "must list at least one tcp:// or ssl:// URL");
        return List.of("embedded");
      }
      return list;
    }
    String broker = mqtt.requiredString("broker").orElse("embedded");
    if (mqtt.has("broker")) {
      String complaint = brokerProblem(broker, true);
      if (complaint != null) {
        mqtt.problem("broker", complaint);
      }
    }
    return List.of(broker);
  }

  /** Null when {@code url} is a usable broker URL, else what is wrong with it. */
  private static String brokerProblem(String url, boolean embeddedAllowed) {
    if (embeddedAllowed && url.equals("embedded")) {
      return null;
    }
    if (url.contains("@")) {
      return "user and password go in credentialsFile, not in the broker URL";
    }
    Matcher m = BROKER.matcher(url);
    if (!m.matches()) {
      return "must be tcp://HOST:PORT, ssl://HOST:PORT" + (embeddedAllowed ? " or embedded" : "") + ", got "
          + ConfigNode.quote(url);
    }
    int port = Integer.parseInt(m.group(3));
    return port < 1 || port > 65535 ? "port must be 1..65535, got " + m.group(3) : null;
  }

  /** YAML reads {@code protocol: 5} as a number and {@code protocol: 3.1.1} as text: take both. */
  private static MqttConfig.Protocol readProtocol(ConfigNode mqtt) {
    Optional<String> text = mqtt.stringOrNumber("protocol");
    if (text.isEmpty()) {
      return MqttConfig.Protocol.MQTT_5;
    }
    for (MqttConfig.Protocol p : MqttConfig.Protocol.values()) {
      if (p.configName().equals(text.get())) {
        return p;
      }
    }
    mqtt.problem("protocol", "must be 5 or 3.1.1, got " + ConfigNode.quote(text.get()));
    return MqttConfig.Protocol.MQTT_5;
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
