package dev.edgeinfer.publish;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What both Paho clients share: the session around the client. Subclasses only translate to
 * their Paho API ({@link PahoMqtt5Publisher}, {@link PahoMqtt3Publisher}).
 *
 * <ul>
 *   <li>Reconnects are ours, not Paho's automatic reconnect: exponential backoff with jitter on
 *       one scheduler thread, so the after-connect steps (resubscribe, {@code online}) can wait
 *       for their acknowledgements, which Paho's callback thread must never do. Each connect
 *       tries the broker list in order (Paho's server URIs).
 *   <li>Every connect starts a clean session. The outbox, not Paho, re-sends what was not
 *       acknowledged: a resumed session would have Paho re-send its own in-flight copies beside
 *       ours, filling the broker's Receive Maximum behind our {@link InflightWindow}'s back ("too
 *       many publishes in progress"), and a QoS 2 packet id could be taken for a duplicate.
 *       Subscriptions are made again after every connect anyway. The price: a command sent
 *       while the device is offline is not queued by the broker.
 *   <li>Every {@link #send} is tracked until acknowledged; when the connection drops, all of them
 *       fail at once and their window slots are freed, whatever Paho does with its tokens later.
 *   <li>Incoming messages go through one callback that matches every registered filter ({@link
 *       TopicFilter}).
 * </ul>
 *
 * <p>Thread-safe. Handlers run on Paho's callback thread; a publish made from there does not
 * wait for a full in-flight window (acknowledgements are processed on that same thread) but fails
 * at once.
 */
abstract class SessionPublisher implements Publisher {
  private static final Logger LOG = Logger.getLogger(SessionPublisher.class.getName());

  /** Our own ceiling on unacknowledged publishes, lowered to the broker's Receive Maximum. */
  static final int MAX_INFLIGHT = 64;
  static final long PUBLISH_WAIT_MILLIS = 30_000;
  static final long ACK_WAIT_MILLIS = 10_000;
  static final long CLOSE_DRAIN_MILLIS = 5_000;
  static final long RECONNECT_MIN_MILLIS = 500;
  static final long RECONNECT_MAX_MILLIS = 60_000;

  protected final Topics topics;
  protected final int subscribeQos;
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
  private final PendingSends pending = new PendingSends(window);
  private final List<Consumer<Boolean>> connectionListeners = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Boolean> onCallbackThread = ThreadLocal.withInitial(() -> false);
  private volatile boolean started;
  private volatile boolean ready;

  SessionPublisher(Topics topics, int qos, String clientId, long backoffMin, long backoffMax) {
    this.topics = topics;
    this.subscribeQos = Math.max(1, qos);
    this.backoffMin = backoffMin;
    this.backoffMax = backoffMax;
    this.reconnectBackoff = new Backoff(backoffMin, backoffMax);
    this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-reconnect-" + clientId);
      t.setDaemon(true);
      return t;
    });
  }

  // ---- what a Paho client must provide ----

  /** Connects (blocking); returns the broker's Receive Maximum, or null when it sent none (3.1.1: none). */
  abstract Integer connectClient() throws ClientException;

  /** Subscribes (blocking until SUBACK); throws when the broker refused. */
  abstract void subscribeClient(String filter, int qos) throws ClientException, PublishException;

  /** Hands one message to Paho; {@code done} is called once with null (acknowledged) or the failure. */
  abstract void publishClient(String topic, byte[] payload, int qos, boolean retained, Optional<byte[]> correlationData,
      Consumer<Throwable> done) throws ClientException;

  abstract boolean clientConnected();

  /** A clean DISCONNECT (no Will), waiting up to {@code millis}. */
  abstract void disconnectClient(long millis) throws ClientException;

  /** Drops the connection without DISCONNECT, and releases the client when {@code close}. */
  abstract void dropClient(boolean close);

  abstract String serverUri();

  abstract String clientId();

  // ---- the session ----

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
      } catch (ClientException | PublishException e) {
        last = e;
        String why = ConnectFailures.explain(e);
        LOG.warning(() -> "MQTT connect to " + serverUri() + " failed: " + why + "; retrying");
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
        throw new PublishException("interrupted while connecting to " + serverUri(), e);
      }
    }
    throw new PublishException("could not connect to MQTT broker " + serverUri() + " within "
        + timeoutMillis + " ms: " + (last == null ? "closed" : ConnectFailures.explain(last)), last);
  }

  /** One connect, then the after-connect steps; on their failure the connection is dropped to retry whole. */
  private void connectOnce() throws ClientException, PublishException {
    synchronized (connectLock) {
      if (ready && clientConnected()) {
        return;
      }
      Integer receiveMaximum = connectClient();
      window.brokerReceiveMaximum(receiveMaximum);
      try {
        afterConnect();
      } catch (ClientException | PublishException e) {
        dropClient(false);
        throw e;
      }
      ready = true;
      LOG.info(() -> "MQTT connected to " + serverUri() + " as " + clientId());
    }
    for (Consumer<Boolean> l : connectionListeners) {
      l.accept(true);
    }
  }

  private void afterConnect() throws ClientException, PublishException {
    List<String> filters;
    synchronized (handlers) {
      filters = List.copyOf(handlers.keySet());
    }
    for (String filter : filters) {
      subscribeClient(filter, subscribeQos);
    }
    publish(topics.availability(), bytes("online"), 1, true);
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained) throws PublishException {
    publish(topic, payload, qos, retained, Optional.empty());
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained, Optional<byte[]> correlationData)
      throws PublishException {
    sendTracked(topic, payload, qos, retained, correlationData).exceptionally(e -> {
      LOG.warning(() -> "MQTT publish to " + topic + " failed: " + e.getMessage());
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> send(String topic, byte[] payload, int qos, boolean retained) throws PublishException {
    return sendTracked(topic, payload, qos, retained, Optional.empty());
  }

  private CompletableFuture<Void> sendTracked(String topic, byte[] payload, int qos, boolean retained,
      Optional<byte[]> correlationData) throws PublishException {
    if (closed.get() && !topic.equals(topics.availability())) {
      throw new PublishException("publisher is closed; dropped message for " + topic);
    }
    if (!clientConnected()) {
      throw new PublishException("not connected to " + serverUri() + "; message for " + topic + " not sent");
    }
    takeWindowSlot(topic);
    PendingSends.Send p = pending.start();
    try {
      publishClient(topic, payload, qos, retained, correlationData, p::finish);
    } catch (ClientException e) {
      p.finish(e);
      throw new PublishException("MQTT publish to " + topic + " not accepted: " + e.getMessage(), e);
    }
    return p.future;
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
    if (clientConnected()) {
      try {
        subscribeClient(topicFilter, subscribeQos);
      } catch (ClientException e) {
        throw new PublishException("subscribe to " + topicFilter + " failed: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void addConnectionListener(Consumer<Boolean> listener) {
    connectionListeners.add(listener);
  }

  @Override
  public boolean isConnected() {
    return ready && clientConnected();
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    reconnector.shutdownNow();
    try {
      if (clientConnected()) {
        try {
          publish(topics.availability(), bytes("stopped"), 1, true);
        } catch (PublishException e) {
          LOG.warning(() -> "could not publish availability=stopped: " + e.getMessage());
        }
        if (!window.awaitEmpty(CLOSE_DRAIN_MILLIS)) {
          LOG.warning(() -> window.inUse() + " MQTT messages still unacknowledged after " + CLOSE_DRAIN_MILLIS + " ms");
        }
        disconnectClient(1_000);
      }
    } catch (ClientException e) {
      LOG.warning(() -> "MQTT disconnect: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ready = false;
      dropClient(true);
      failPending(new PublishException("publisher closed"));
    }
  }

  // ---- called by the Paho callbacks ----

  /** Runs on Paho's callback thread. */
  void messageArrived(IncomingMessage in) {
    List<Map.Entry<String, Consumer<IncomingMessage>>> entries;
    synchronized (handlers) {
      entries = List.copyOf(handlers.entrySet());
    }
    onCallbackThread.set(true);
    try {
      for (Map.Entry<String, Consumer<IncomingMessage>> e : entries) {
        if (TopicFilter.matches(e.getKey(), in.topic())) {
          try {
            e.getValue().accept(in);
          } catch (RuntimeException ex) {
            // A handler's bug must not close the connection (Paho would, on a thrown exception).
            LOG.log(Level.WARNING, "handler for " + e.getKey() + " failed on " + in.topic(), ex);
          }
        }
      }
    } finally {
      onCallbackThread.set(false);
    }
  }

  /** Runs on Paho's thread when the connection is lost. */
  void connectionLost(String why) {
    ready = false;
    failPending(new PublishException("connection to " + serverUri() + " lost: " + why));
    if (closed.get()) {
      return;
    }
    LOG.warning(() -> "MQTT connection to " + serverUri() + " lost: " + why);
    for (Consumer<Boolean> l : connectionListeners) {
      l.accept(false);
    }
    scheduleReconnect();
  }

  private void failPending(PublishException why) {
    pending.failAll(why);
  }

  private void scheduleReconnect() {
    if (closed.get() || !started || !reconnectPending.compareAndSet(false, true)) {
      return;
    }
    long delay = reconnectBackoff.next();
    LOG.info(() -> "MQTT reconnecting to " + serverUri() + " in " + delay + " ms");
    try {
      reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
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
    } catch (ClientException | PublishException e) {
      LOG.info(() -> "MQTT reconnect to " + serverUri() + " failed: " + ConnectFailures.explain(e));
      scheduleReconnect();
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
