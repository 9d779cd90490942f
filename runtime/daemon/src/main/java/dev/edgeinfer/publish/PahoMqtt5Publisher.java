package dev.edgeinfer.publish;

import dev.edgeinfer.config.MqttConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The {@link Publisher} over Paho's MQTT 5 asynchronous client.
 *
 * <ul>
 *   <li>Session: clean start off, session expiry one hour, a client id that stays the same, so
 *       the broker keeps QoS 1 subscriptions through a short outage. Subscriptions are still
 *       made again after every connect: a broker that restarted without persistence forgot them.
 *   <li>Availability: Last Will {@code offline} (retained, QoS 1); retained {@code online} after
 *       every connect; retained {@code stopped} then a clean DISCONNECT (no Will) on {@link #close()}.
 *   <li>Reconnects are ours, not Paho's automatic reconnect: exponential backoff with jitter on
 *       one scheduler thread, so each CONNACK's Receive Maximum can size the {@link
 *       InflightWindow} and the after-connect steps (online, resubscribe) can wait for their
 *       acknowledgements, which Paho's callback thread must never do.
 *   <li>Incoming messages go through one callback that matches every registered filter ({@link
 *       TopicFilter}), so messages from a resumed session reach their handler before the
 *       resubscribe completes.
 *   <li>Persistence is in memory: the durable store-and-forward is the outbox's job.
 * </ul>
 *
 * <p>Thread-safe. Handlers run on Paho's callback thread; a publish made from there does not
 * wait for a full in-flight window (it would wait forever: acknowledgements are processed on that
 * same thread) but fails at once.
 */
public final class PahoMqtt5Publisher implements Publisher {
  private static final Logger LOG = Logger.getLogger(PahoMqtt5Publisher.class.getName());

  static final long SESSION_EXPIRY_SECONDS = 3_600;
  /** Our own ceiling on unacknowledged publishes, lowered to the broker's Receive Maximum. */
  static final int MAX_INFLIGHT = 64;
  static final long PUBLISH_WAIT_MILLIS = 30_000;
  static final long ACK_WAIT_MILLIS = 10_000;
  static final long CLOSE_DRAIN_MILLIS = 5_000;
  static final long RECONNECT_MIN_MILLIS = 500;
  static final long RECONNECT_MAX_MILLIS = 60_000;

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final Topics topics;
  private final int subscribeQos;
  private final InflightWindow window = new InflightWindow(MAX_INFLIGHT);
  private final Backoff reconnectBackoff;
  private final long backoffMin;
  private final long backoffMax;
  private final ScheduledExecutorService reconnector;
  private final AtomicBoolean reconnectPending = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object connectLock = new Object();
  /** Filter to handler, in registration order; guarded by itself. */
  private final Map<String, Consumer<IncomingMessage>> handlers = new LinkedHashMap<>();
  private final ThreadLocal<Boolean> onCallbackThread = ThreadLocal.withInitial(() -> false);
  private volatile boolean started;

  /** Connects to {@code config.broker()}; for {@code embedded}, start the broker first and use the other constructor. */
  public PahoMqtt5Publisher(MqttConfig config, Topics topics) throws PublishException {
    this(config, topics, config.broker());
  }

  /**
   * Connects to {@code brokerUrl} ({@code tcp://} or {@code ssl://}), e.g. the embedded broker's
   * when {@code config.broker()} is {@code embedded}.
   */
  public PahoMqtt5Publisher(MqttConfig config, Topics topics, String brokerUrl) throws PublishException {
    this(config, topics, brokerUrl, RECONNECT_MIN_MILLIS, RECONNECT_MAX_MILLIS);
  }

  PahoMqtt5Publisher(MqttConfig config, Topics topics, String brokerUrl, long backoffMin, long backoffMax)
      throws PublishException {
    if (brokerUrl == null || "embedded".equals(brokerUrl)) {
      throw new IllegalArgumentException("broker URL is " + brokerUrl + ": start the EmbeddedBroker and pass its URL");
    }
    this.topics = topics;
    this.subscribeQos = Math.max(1, config.qos());
    this.backoffMin = backoffMin;
    this.backoffMax = backoffMax;
    this.reconnectBackoff = new Backoff(backoffMin, backoffMax);
    String clientId = config.clientId() == null || config.clientId().isBlank()
        ? topics.prefix().replace('/', '-') + "-" + topics.device()
        : config.clientId();
    this.options = connectionOptions(config, brokerUrl);
    try {
      this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new PublishException("bad MQTT broker URL or client id (mqtt.broker=" + brokerUrl + "): " + e.getMessage(), e);
    }
    client.setCallback(new Callback());
    this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-reconnect-" + clientId);
      t.setDaemon(true);
      return t;
    });
  }

  private MqttConnectionOptions connectionOptions(MqttConfig config, String brokerUrl) throws PublishException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    // Embedded broker: no session expiry. Artemis 2.44 holds the Last Will back until the session
    // expires (measured: never within 40 s with a one-hour expiry; at once with 0), and an
    // in-process broker's sessions cannot outlive this process anyway.
    o.setSessionExpiryInterval(config.isEmbedded() ? 0L : SESSION_EXPIRY_SECONDS);
    o.setKeepAliveInterval(config.keepAliveSeconds());
    o.setConnectionTimeout(10);
    o.setAutomaticReconnect(false);
    o.setReceiveMaximum(MAX_INFLIGHT);
    o.setWill(topics.availability(), new MqttMessage(bytes("offline"), 1, true, null));
    if (config.credentialsFile().isPresent()) {
      try {
        Credentials c = Credentials.read(config.credentialsFile().get());
        o.setUserName(c.username());
        o.setPassword(c.password());
      } catch (IOException e) {
        throw new PublishException("mqtt.credentialsFile: " + e.getMessage(), e);
      }
    }
    if (config.tls().isPresent()) {
      if (!brokerUrl.startsWith("ssl://")) {
        throw new PublishException("mqtt.tls is set but mqtt.broker is " + brokerUrl + ": use an ssl:// URL");
      }
      try {
        o.setSocketFactory(TlsSocketFactories.create(config.tls().get()));
      } catch (GeneralSecurityException | IOException e) {
        throw new PublishException("mqtt.tls: " + e.getMessage(), e);
      }
      o.setHttpsHostnameVerificationEnabled(config.tls().get().verifyHostname());
    }
    return o;
  }

  @Override
  public void start(long timeoutMillis) throws PublishException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    Backoff backoff = new Backoff(backoffMin, backoffMax);
    Exception last = null;
    while (!closed.get()) {
      try {
        connectOnce();
        started = true;
        return;
      } catch (MqttException | PublishException e) {
        last = e;
      }
      long delayNanos = TimeUnit.MILLISECONDS.toNanos(backoff.next());
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(delayNanos, left)); // backoff between attempts
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PublishException("interrupted while connecting to " + client.getServerURI(), e);
      }
    }
    throw new PublishException("could not connect to MQTT broker " + client.getServerURI() + " within "
        + timeoutMillis + " ms: " + (last == null ? "closed" : describe(last)), last);
  }

  /** One connect, then the after-connect steps; on their failure the connection is dropped to retry whole. */
  private void connectOnce() throws MqttException, PublishException {
    synchronized (connectLock) {
      if (client.isConnected()) {
        return;
      }
      IMqttToken token = client.connect(options);
      token.waitForCompletion(ACK_WAIT_MILLIS + 10_000);
      MqttProperties connack = token.getResponseProperties();
      window.brokerReceiveMaximum(connack == null ? null : connack.getReceiveMaximum());
      try {
        afterConnect();
      } catch (MqttException | PublishException e) {
        try {
          client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException ignored) {
          // the connection is being dropped anyway
        }
        throw e;
      }
      LOG.info(() -> "MQTT connected to " + client.getServerURI() + " as " + client.getClientId()
          + (token.getSessionPresent() ? " (session resumed)" : ""));
    }
  }

  private void afterConnect() throws MqttException, PublishException {
    List<String> filters;
    synchronized (handlers) {
      filters = List.copyOf(handlers.keySet());
    }
    for (String filter : filters) {
      subscribeNow(filter);
    }
    publish(topics.availability(), bytes("online"), 1, true);
  }

  private void subscribeNow(String filter) throws MqttException, PublishException {
    IMqttToken t = client.subscribe(new MqttSubscription(filter, subscribeQos));
    t.waitForCompletion(ACK_WAIT_MILLIS);
    int[] codes = t.getReasonCodes();
    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
      throw new PublishException("broker refused subscription to " + filter + " (reason code 0x"
          + Integer.toHexString(codes[0]) + ")");
    }
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained) throws PublishException {
    publish(topic, payload, qos, retained, Optional.empty());
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained, Optional<byte[]> correlationData)
      throws PublishException {
    if (closed.get() && !topic.equals(topics.availability())) {
      throw new PublishException("publisher is closed; dropped message for " + topic);
    }
    takeWindowSlot(topic);
    MqttProperties props = new MqttProperties();
    correlationData.ifPresent(props::setCorrelationData);
    try {
      client.publish(topic, new MqttMessage(payload, qos, retained, props), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          window.release();
          LOG.warning(() -> "MQTT publish to " + topic + " failed: " + e);
        }
      });
    } catch (MqttException e) {
      window.release();
      throw new PublishException("MQTT publish to " + topic + " not accepted: " + describe(e), e);
    }
  }

  private void takeWindowSlot(String topic) throws PublishException {
    if (onCallbackThread.get()) {
      if (!window.tryAcquire()) {
        throw new PublishException("in-flight window full; a message handler cannot wait for it (topic " + topic + ")");
      }
      return;
    }
    try {
      if (!window.acquire(PUBLISH_WAIT_MILLIS)) {
        throw new PublishException("no MQTT acknowledgement for " + PUBLISH_WAIT_MILLIS + " ms ("
            + window.inUse() + " messages in flight); dropped message for " + topic);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while waiting to publish to " + topic, e);
    }
  }

  @Override
  public void subscribe(String topicFilter, Consumer<IncomingMessage> handler) throws PublishException {
    synchronized (handlers) {
      if (handlers.putIfAbsent(topicFilter, handler) != null) {
        throw new IllegalArgumentException("already subscribed to " + topicFilter);
      }
    }
    if (client.isConnected()) {
      try {
        subscribeNow(topicFilter);
      } catch (MqttException e) {
        throw new PublishException("subscribe to " + topicFilter + " failed: " + describe(e), e);
      }
    }
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    reconnector.shutdownNow();
    try {
      if (client.isConnected()) {
        try {
          publish(topics.availability(), bytes("stopped"), 1, true);
        } catch (PublishException e) {
          LOG.warning(() -> "could not publish availability=stopped: " + e.getMessage());
        }
        if (!window.awaitEmpty(CLOSE_DRAIN_MILLIS)) {
          LOG.warning(() -> window.inUse() + " MQTT messages still unacknowledged after " + CLOSE_DRAIN_MILLIS + " ms");
        }
        client.disconnect(1_000).waitForCompletion(ACK_WAIT_MILLIS);
      }
    } catch (MqttException e) {
      LOG.warning(() -> "MQTT disconnect: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        if (client.isConnected()) {
          client.disconnectForcibly(0, 1_000, false);
        }
        client.close(true);
      } catch (MqttException e) {
        LOG.log(Level.FINE, "MQTT client close", e);
      }
    }
  }

  private void scheduleReconnect() {
    if (closed.get() || !started || !reconnectPending.compareAndSet(false, true)) {
      return;
    }
    long delay = reconnectBackoff.next();
    LOG.info(() -> "MQTT reconnecting to " + client.getServerURI() + " in " + delay + " ms");
    try {
      reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      reconnectPending.set(false); // closing
    }
  }

  private void reconnect() {
    reconnectPending.set(false);
    if (closed.get()) {
      return;
    }
    try {
      connectOnce();
      reconnectBackoff.reset();
    } catch (MqttException | PublishException e) {
      LOG.info(() -> "MQTT reconnect to " + client.getServerURI() + " failed: " + describe(e));
      scheduleReconnect();
    }
  }

  private static String describe(Exception e) {
    if (e instanceof MqttException m) {
      return m.getMessage() + " (reason " + m.getReasonCode() + ")" + (m.getCause() == null ? "" : ": " + m.getCause());
    }
    return e.getMessage();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Paho's single callback; runs on Paho's callback thread. */
  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      List<Map.Entry<String, Consumer<IncomingMessage>>> entries;
      synchronized (handlers) {
        entries = List.copyOf(handlers.entrySet());
      }
      MqttProperties p = message.getProperties();
      IncomingMessage in = new IncomingMessage(topic, message.getPayload(),
          Optional.ofNullable(p == null ? null : p.getResponseTopic()),
          Optional.ofNullable(p == null ? null : p.getCorrelationData()));
      onCallbackThread.set(true);
      try {
        for (Map.Entry<String, Consumer<IncomingMessage>> e : entries) {
          if (TopicFilter.matches(e.getKey(), topic)) {
            try {
              e.getValue().accept(in);
            } catch (RuntimeException ex) {
              // A handler's bug must not close the connection (Paho would, on a thrown exception).
              LOG.log(Level.WARNING, "handler for " + e.getKey() + " failed on " + topic, ex);
            }
          }
        }
      } finally {
        onCallbackThread.set(false);
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (!closed.get()) {
        LOG.warning(() -> "MQTT connection to " + client.getServerURI() + " lost: "
            + (response.getException() != null ? response.getException() : "reason " + response.getReturnCode()));
        scheduleReconnect();
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      LOG.warning(() -> "MQTT error: " + describe(e));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      // The after-connect steps run in connectOnce() on the connecting thread: here they would
      // block Paho's callback thread while waiting for SUBACKs that this thread must process.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
