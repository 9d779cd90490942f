package dev.edgeinfer.cli;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import dev.edgeinfer.publish.MessageCallbacks;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A short MQTT 5 session for the operator's commands ({@code model publish}, remote {@code model
 * rollback}): connect with a clean start, publish at QoS 1, collect what subscriptions deliver.
 * Not thread-safe apart from the queue the client's thread fills.
 */
final class MqttSession implements AutoCloseable {
  /** One received message. */
  record Message(String topic, byte[] payload, boolean retained, byte[] correlationData) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final MqttClient client;
  private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

  private MqttSession(MqttClient client) {
    this.client = client;
  }

  static MqttSession connect(String url) {
    try {
      MqttClient client = new MqttClient(url, "edgeinfer-cli-" + UUID.randomUUID(), new MemoryPersistence());
      MqttSession session = new MqttSession(client);
      client.setCallback(session.callback());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setConnectionTimeout(10);
      client.connect(options);
      return session;
    } catch (MqttException | IllegalArgumentException e) {
      throw new UsageError("--broker " + url + ": cannot connect: " + e.getMessage());
    }
  }

  void subscribe(String filter) throws MqttException {
    client.subscribe(filter, 1);
  }

  /** QoS 1; returns once the broker has acknowledged it. */
  void publish(String topic, byte[] payload, boolean retained) throws MqttException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    m.setRetained(retained);
    client.publish(topic, m);
  }

  /** With an MQTT 5 response topic and correlation data (a request whose reply comes back to us). */
  void request(String topic, byte[] payload, String responseTopic, byte[] correlation) throws MqttException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    MqttProperties props = new MqttProperties();
    props.setResponseTopic(responseTopic);
    props.setCorrelationData(correlation);
    m.setProperties(props);
    client.publish(topic, m);
  }

  /** The next message, or null after {@code millis}. */
  Message poll(long millis) throws InterruptedException {
    return received.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    } catch (MqttException e) {
      // leaving anyway
    }
  }

  private MqttCallback callback() {
    return MessageCallbacks.onMessage((topic, message) -> {
      byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
      received.add(new Message(topic, message.getPayload(), message.isRetained(), correlation));
    });
  }
}
