package dev.edgeinfer.publish;

import dev.edgeinfer.config.MqttConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The {@link Publisher} over Paho's MQTT 3.1.1 asynchronous client ({@code mqtt.protocol: 3.1.1}),
 * for brokers without MQTT 5 (Azure IoT Hub, older Mosquitto). Same session behaviour as {@link
 * PahoMqtt5Publisher} (see {@link SessionPublisher}); what 3.1.1 lacks: no Receive Maximum (our own
 * window of {@value SessionPublisher#MAX_INFLIGHT}, also given to Paho as its max in-flight), no
 * response topic or correlation data (command replies go to {@code .../reply}), no reason code on
 * PUBACK.
 *
 * <p>Thread-safe.
 */
public final class PahoMqtt3Publisher extends SessionPublisher {
  private static final Logger LOG = Logger.getLogger(PahoMqtt3Publisher.class.getName());

  private final MqttAsyncClient client;
  private final MqttConnectOptions options;

  public PahoMqtt3Publisher(MqttConfig config, Topics topics, String brokerUrl) throws PublishException {
    this(config, topics, brokerUrl, RECONNECT_MIN_MILLIS, RECONNECT_MAX_MILLIS);
  }

  PahoMqtt3Publisher(MqttConfig config, Topics topics, String brokerUrl, long backoffMin, long backoffMax)
      throws PublishException {
    super(topics, config.qos(), ClientSettings.clientId(config, topics), backoffMin, backoffMax);
    List<String> urls = ClientSettings.urls(config, brokerUrl);
    this.options = connectOptions(config, urls);
    try {
      this.client = new MqttAsyncClient(urls.get(0), ClientSettings.clientId(config, topics), new MemoryPersistence());
    } catch (MqttException e) {
      throw new PublishException("bad MQTT broker URL or client id (mqtt.broker=" + brokerUrl + "): " + e.getMessage(), e);
    }
    client.setCallback(new Callback());
  }

  private MqttConnectOptions connectOptions(MqttConfig config, List<String> urls) throws PublishException {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setServerURIs(urls.toArray(new String[0]));
    o.setCleanSession(true); // see SessionPublisher: the outbox re-sends, not Paho
    o.setKeepAliveInterval(config.keepAliveSeconds());
    o.setConnectionTimeout(10);
    o.setAutomaticReconnect(false);
    o.setMaxInflight(MAX_INFLIGHT);
    o.setWill(topics.availability(), bytes("offline"), 1, true);
    ClientSettings.credentials(config).ifPresent(c -> {
      o.setUserName(c.username());
      o.setPassword(new String(c.password(), StandardCharsets.UTF_8).toCharArray());
    });
    ClientSettings.socketFactory(config, urls).ifPresent(o::setSocketFactory);
    o.setHttpsHostnameVerificationEnabled(config.tls().map(MqttConfig.TlsConfig::verifyHostname).orElse(true));
    return o;
  }

  @Override
  Integer connectClient() throws ClientException {
    try {
      client.connect(options).waitForCompletion(ACK_WAIT_MILLIS + 10_000);
      return null;
    } catch (MqttException e) {
      throw wrap(e);
    }
  }

  @Override
  void subscribeClient(String filter, int qos) throws ClientException, PublishException {
    try {
      IMqttToken t = client.subscribe(filter, qos);
      t.waitForCompletion(ACK_WAIT_MILLIS);
      int[] granted = t.getGrantedQos();
      if (granted != null && granted.length > 0 && granted[0] == 0x80) {
        throw new PublishException("broker refused subscription to " + filter + " (SUBACK 0x80)");
      }
    } catch (MqttException e) {
      throw wrap(e);
    }
  }

  @Override
  void publishClient(String topic, byte[] payload, int qos, boolean retained, Optional<byte[]> correlationData,
      Consumer<Throwable> done) throws ClientException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(qos);
    m.setRetained(retained);
    try {
      client.publish(topic, m, null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          done.accept(null);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          done.accept(e == null ? new PublishException("publish to " + topic + " failed") : e);
        }
      });
    } catch (MqttException e) {
      throw wrap(e);
    }
  }

  @Override
  boolean clientConnected() {
    return client.isConnected();
  }

  @Override
  void disconnectClient(long millis) throws ClientException {
    try {
      client.disconnect(millis).waitForCompletion(ACK_WAIT_MILLIS);
    } catch (MqttException e) {
      throw wrap(e);
    }
  }

  @Override
  void dropClient(boolean close) {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 1_000, false);
      }
      if (close) {
        client.close(true);
      }
    } catch (MqttException e) {
      LOG.log(Level.FINE, "MQTT client drop", e);
    }
  }

  @Override
  String serverUri() {
    return client.getCurrentServerURI() != null ? client.getCurrentServerURI() : client.getServerURI();
  }

  @Override
  String clientId() {
    return client.getClientId();
  }

  private static ClientException wrap(MqttException e) {
    return new ClientException(e.getMessage() + " (reason " + e.getReasonCode() + ")"
        + (e.getCause() == null ? "" : ": " + e.getCause()), e);
  }

  /** Paho's callback; runs on Paho's callback thread. */
  private final class Callback implements MqttCallback {
    @Override
    public void connectionLost(Throwable cause) {
      PahoMqtt3Publisher.this.connectionLost(String.valueOf(cause));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      PahoMqtt3Publisher.this.messageArrived(new IncomingMessage(topic, message.getPayload(), Optional.empty(),
          Optional.empty()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
