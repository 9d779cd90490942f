package dev.edgeinfer.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import dev.edgeinfer.publish.MessageCallbacks;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A plain Paho MQTT 5 client for tests, the way a user's consumer would be: it subscribes to
 * filters and collects what arrives into a queue; tests take messages with bounded waits. Also
 * publishes (with a response topic and correlation data when asked), to send commands.
 *
 * <pre>{@code
 * try (TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/dev1/#")) {
 *   TestSubscriber.Received m = sub.awaitTopic("edgeinfer/dev1/availability", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Thread-safe: Paho's thread fills the queue, the test thread drains it.
 */
public final class TestSubscriber implements AutoCloseable {

  /** One received message, with its MQTT 5 request/response properties (null when absent). */
  public record Received(String topic, byte[] payload, int qos, boolean retained, String responseTopic, byte[] correlationData) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final MqttClient client;
  private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();

  private TestSubscriber(MqttClient client) {
    this.client = client;
  }

  /** Connects with a clean session to {@code url} and subscribes (QoS 1) to each filter before returning. */
  public static TestSubscriber connect(String url, String... filters) {
    return connectAs(url, null, null, filters);
  }

  /** As {@link #connect}, with a user name and password (both null: anonymous). */
  public static TestSubscriber connectAs(String url, String user, String password, String... filters) {
    try {
      MqttClient client = new MqttClient(url, "test-" + UUID.randomUUID(), new MemoryPersistence());
      TestSubscriber sub = new TestSubscriber(client);
      client.setCallback(sub.callback());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setConnectionTimeout(5);
      if (user != null) {
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
      }
      client.connect(options);
      for (String f : filters) {
        sub.subscribe(f);
      }
      return sub;
    } catch (MqttException e) {
      throw new IllegalStateException("test subscriber could not connect to " + url + ": " + e, e);
    }
  }

  /**
   * A consumer with a persistent session (clean start off, session expiry one day, automatic
   * reconnect): the broker keeps its QoS 1 messages while it is away or the broker restarts with
   * persistence. Subscribes once; the session remembers the subscriptions.
   */
  public static TestSubscriber connectPersistent(String url, String clientId, String... filters) {
    try {
      MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
      TestSubscriber sub = new TestSubscriber(client);
      client.setCallback(sub.callback());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(false);
      options.setSessionExpiryInterval(86_400L);
      options.setAutomaticReconnect(true);
      options.setAutomaticReconnectDelay(1, 1);
      options.setConnectionTimeout(5);
      options.setReceiveMaximum(1000);
      client.connect(options);
      for (String f : filters) {
        sub.subscribe(f);
      }
      return sub;
    } catch (MqttException e) {
      throw new IllegalStateException("test subscriber could not connect to " + url + ": " + e, e);
    }
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** Everything received so far, removed from the queue. */
  public List<Received> drain() {
    List<Received> out = new ArrayList<>();
    queue.drainTo(out);
    return out;
  }

  public void subscribe(String filter) {
    try {
      IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
      int rc = token.getReasonCodes()[0];
      if (rc > 2) {
        throw new IllegalStateException("subscription to " + filter + " refused, reason code " + rc);
      }
    } catch (MqttException e) {
      throw new IllegalStateException("subscribe " + filter + ": " + e, e);
    }
  }

  /** Publishes QoS 1 and waits for the broker's acknowledgement. */
  public void publish(String topic, byte[] payload) {
    publish(topic, payload, null, null);
  }

  public void publish(String topic, String payload) {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes QoS 1 with an MQTT 5 response topic and correlation data (either may be null). */
  public void publish(String topic, byte[] payload, String responseTopic, byte[] correlationData) {
    MqttProperties props = new MqttProperties();
    props.setResponseTopic(responseTopic);
    props.setCorrelationData(correlationData);
    try {
      client.publish(topic, new MqttMessage(payload, 1, false, props));
    } catch (MqttException e) {
      throw new IllegalStateException("publish " + topic + ": " + e, e);
    }
  }

  /** The next message, whatever its topic; fails the test after {@code timeout}. */
  public Received await(Duration timeout) {
    return awaitMatching(m -> true, timeout, "any message");
  }

  /** The next message on exactly {@code topic}; messages on other topics before it are dropped. */
  public Received awaitTopic(String topic, Duration timeout) {
    return awaitMatching(m -> m.topic().equals(topic), timeout, "a message on " + topic);
  }

  /** The next message on {@code topic} whose text is {@code text}; others before it are dropped. */
  public Received awaitText(String topic, String text, Duration timeout) {
    return awaitMatching(m -> m.topic().equals(topic) && m.text().equals(text), timeout, "\"" + text + "\" on " + topic);
  }

  /** The next message that satisfies {@code wanted}; those that do not are dropped. */
  public Received awaitMatching(Predicate<Received> wanted, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> skipped = new ArrayList<>();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Received m = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        if (m == null) {
          throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms; skipped " + skipped);
        }
        if (wanted.test(m)) {
          return m;
        }
        skipped.add(m.topic() + "=" + abbreviate(m.text()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  /** Fails if any message arrives within {@code window}; for asserting that something did not happen. */
  public void assertNothingWithin(Duration window) {
    try {
      Received m = queue.poll(window.toNanos(), TimeUnit.NANOSECONDS);
      if (m != null) {
        throw new AssertionError("unexpected message on " + m.topic() + ": " + abbreviate(m.text()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Drops everything received so far. */
  public void clear() {
    queue.clear();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2_000);
      }
      client.close();
    } catch (MqttException e) {
      // A test is ending; a failed disconnect of a test client changes nothing.
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  private MqttCallback callback() {
    return MessageCallbacks.onMessage((topic, message) -> {
      MqttProperties p = message.getProperties();
      queue.add(new Received(topic, message.getPayload(), message.getQos(), message.isRetained(),
          p == null ? null : p.getResponseTopic(), p == null ? null : p.getCorrelationData()));
    });
  }
}
