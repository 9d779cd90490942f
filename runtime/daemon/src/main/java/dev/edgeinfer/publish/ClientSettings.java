package dev.edgeinfer.publish;

import dev.edgeinfer.config.MqttConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/** The connection settings both Paho clients derive from {@code mqtt}: client id, broker list, credentials, TLS. Stateless. */
final class ClientSettings {
  private ClientSettings() {}

  static String clientId(MqttConfig config, Topics topics) {
    return config.clientId() == null || config.clientId().isBlank()
        ? topics.prefix().replace('/', '-') + "-" + topics.device()
        : config.clientId();
  }

  /**
   * The URLs to try in order: {@code brokerUrl} first, then the rest of the configured list (so
   * the embedded broker's URL replaces the word {@code embedded}).
   */
  static List<String> urls(MqttConfig config, String brokerUrl) {
    if (brokerUrl == null || "embedded".equals(brokerUrl)) {
      throw new IllegalArgumentException("broker URL is " + brokerUrl + ": start the EmbeddedBroker and pass its URL");
    }
    List<String> urls = new ArrayList<>();
    urls.add(brokerUrl);
    for (String u : config.brokers()) {
      if (!u.equals(brokerUrl) && !u.equals("embedded")) {
        urls.add(u);
      }
    }
    return List.copyOf(urls);
  }

  static Optional<Credentials> credentials(MqttConfig config) throws PublishException {
    if (config.credentialsFile().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Credentials.read(config.credentialsFile().get()));
    } catch (IOException e) {
      throw new PublishException("mqtt.credentialsFile: " + e.getMessage(), e);
    }
  }

  static Optional<SSLSocketFactory> socketFactory(MqttConfig config, List<String> urls) throws PublishException {
    if (config.tls().isEmpty()) {
      return Optional.empty();
    }
    for (String url : urls) {
      if (!url.startsWith("ssl://")) {
        throw new PublishException("mqtt.tls is set but the broker is " + url + ": use an ssl:// URL");
      }
    }
    try {
      return Optional.of(TlsSocketFactories.create(config.tls().get()));
    } catch (GeneralSecurityException | IOException e) {
      throw new PublishException("mqtt.tls: " + e.getMessage(), e);
    }
  }
}
