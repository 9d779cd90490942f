package dev.edgeinfer.publish;

import dev.edgeinfer.config.MqttConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The {@link Publisher} over Paho's MQTT 5 asynchronous client; the session logic (reconnects,
 * resubscribe, in-flight window, availability) is {@link SessionPublisher}'s.
 *
 * <ul>
 *   <li>Availability: Last Will {@code offline} (retained, QoS 1); retained {@code online} after
 *       every connect; retained {@code stopped} then a clean DISCONNECT (no Will) on {@link #close()}.
 *   <li>Each CONNACK's Receive Maximum (Mosquitto: 20) sizes the in-flight window.
 *   <li>Commands carry their response topic and correlation data (MQTT 5.0 section 4.10).
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class PahoMqtt5Publisher extends SessionPublisher {
  private static final Logger LOG = Logger.getLogger(PahoMqtt5Publisher.class.getName());

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;

  /** Connects to {@code config.brokers()}; for {@code embedded}, start the broker first and use the other constructor. */
  public PahoMqtt5Publisher(MqttConfig config, Topics topics) throws PublishException {
    this(config, topics, config.broker());
  }

  /**
   * Connects to {@code brokerUrl} ({@code tcp://} or {@code ssl://}), e.g. the embedded broker's
   * when {@code config.broker()} is {@code embedded}; with a broker list in the config and {@code
   * brokerUrl} its first entry, to the whole list.
   */
  public PahoMqtt5Publisher(MqttConfig config, Topics topics, String brokerUrl) throws PublishException {
    this(config, topics, brokerUrl, RECONNECT_MIN_MILLIS, RECONNECT_MAX_MILLIS);
  }

  PahoMqtt5Publisher(MqttConfig config, Topics topics, String brokerUrl, long backoffMin, long backoffMax)
      throws PublishException {
    super(topics, config.qos(), ClientSettings.clientId(config, topics), backoffMin, backoffMax);
    List<String> urls = ClientSettings.urls(config, brokerUrl);
    this.options = connectionOptions(config, urls);
    try {
      this.client = new MqttAsyncClient(urls.get(0), ClientSettings.clientId(config, topics), new MemoryPersistence());
    } catch (MqttException e) {
      throw new PublishException("bad MQTT broker URL or client id (mqtt.broker=" + brokerUrl + "): " + e.getMessage(), e);
    }
    client.setCallback(new Callback());
  }

  private MqttConnectionOptions connectionOptions(MqttConfig config, List<String> urls) throws PublishException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setServerURIs(urls.toArray(new String[0]));
    o.setCleanStart(true); // see SessionPublisher: the outbox re-sends, not Paho
    o.setSessionExpiryInterval(0L);
    o.setKeepAliveInterval(config.keepAliveSeconds());
    o.setConnectionTimeout(10);
    o.setAutomaticReconnect(false);
    o.setReceiveMaximum(MAX_INFLIGHT);
    o.setWill(topics.availability(), new MqttMessage(bytes("offline"), 1, true, null));
    Optional<Credentials> credentials = ClientSettings.credentials(config);
    credentials.ifPresent(c -> {
      o.setUserName(c.username());
      o.setPassword(c.password());
    });
    ClientSettings.socketFactory(config, urls).ifPresent(o::setSocketFactory);
    o.setHttpsHostnameVerificationEnabled(config.tls().map(MqttConfig.TlsConfig::verifyHostname).orElse(true));
    return o;
  }

  @Override
  Integer connectClient() throws ClientException {
    try {
      IMqttToken token = client.connect(options);
      token.waitForCompletion(ACK_WAIT_MILLIS + 10_000);
      MqttProperties connack = token.getResponseProperties();
      return connack == null ? null : connack.getReceiveMaximum();
    } catch (MqttException e) {
      throw wrap(e);
    }
  }

  @Override
  void subscribeClient(String filter, int qos) throws ClientException, PublishException {
    try {
      IMqttToken t = client.subscribe(new MqttSubscription(filter, qos));
      t.waitForCompletion(ACK_WAIT_MILLIS);
      int[] codes = t.getReasonCodes();
      if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
        throw new PublishException("broker refused subscription to " + filter + " (reason code 0x"
            + Integer.toHexString(codes[0]) + ")");
      }
    } catch (MqttException e) {
      throw wrap(e);
    }
  }

  @Override
  void publishClient(String topic, byte[] payload, int qos, boolean retained, Optional<byte[]> correlationData,
      Consumer<Throwable> done) throws ClientException {
    MqttProperties props = new MqttProperties();
    correlationData.ifPresent(props::setCorrelationData);
    try {
      client.publish(topic, new MqttMessage(payload, qos, retained, props), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // MQTT 5 acknowledges with a reason code: 0x80 and above is a refusal (e.g. not authorized).
          int[] codes = token.getReasonCodes();
          if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            done.accept(new RefusedException("broker refused the message for " + topic + " (reason code 0x"
                + Integer.toHexString(codes[0]) + ")"));
          } else {
            done.accept(null);
          }
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

  /** Paho's single callback; runs on Paho's callback thread. */
  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      MqttProperties p = message.getProperties();
      PahoMqtt5Publisher.this.messageArrived(new IncomingMessage(topic, message.getPayload(),
          Optional.ofNullable(p == null ? null : p.getResponseTopic()),
          Optional.ofNullable(p == null ? null : p.getCorrelationData())));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      connectionLost(response.getException() != null ? response.getException().toString()
          : "reason " + response.getReturnCode());
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      LOG.warning(() -> "MQTT error: " + e.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      // The after-connect steps run on the connecting thread: here they would block Paho's
      // callback thread while waiting for SUBACKs that this thread must process.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
