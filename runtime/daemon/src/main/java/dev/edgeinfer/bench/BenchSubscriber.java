package dev.edgeinfer.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import dev.edgeinfer.publish.MessageCallbacks;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The consumer side of the benchmarks: a Paho MQTT 5 client that counts what arrives, notes the
 * arrival time of the first message, and hands each payload to an optional listener (on Paho's
 * thread). Thread-safe.
 */
public final class BenchSubscriber implements AutoCloseable {
  private final MqttClient client;
  private final AtomicLong received = new AtomicLong();
  private final CompletableFuture<Long> first = new CompletableFuture<>();
  private volatile java.util.function.BiConsumer<byte[], Long> onPayload = (p, t) -> { };

  private BenchSubscriber(MqttClient client) {
    this.client = client;
  }

  public static BenchSubscriber connect(String url, String filter) throws MqttException {
    MqttClient client = new MqttClient(url, "bench-sub-" + System.nanoTime(), new MemoryPersistence());
    BenchSubscriber sub = new BenchSubscriber(client);
    client.setCallback(MessageCallbacks.onMessage((topic, message) -> {
      long now = System.nanoTime();
      sub.received.incrementAndGet();
      sub.first.complete(now);
      sub.onPayload.accept(message.getPayload(), now);
    }));
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setReceiveMaximum(1000);
    client.connect(o);
    client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    return sub;
  }

  /** Completes with the {@link System#nanoTime()} of the first arrival. */
  public CompletableFuture<Long> first() {
    return first;
  }

  public long received() {
    return received.get();
  }

  /** Called with each payload and its arrival time, on Paho's thread. */
  public void onPayload(java.util.function.BiConsumer<byte[], Long> listener) {
    this.onPayload = listener;
  }

  @Override
  public void close() throws MqttException {
    try {
      client.disconnect();
    } finally {
      client.close();
    }
  }
}
