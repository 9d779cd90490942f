package dev.edgeinfer.publish;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The daemon's one connection to its broker, over MQTT 5 or MQTT 3.1.1. Implementations connect
 * with the Last Will {@code availability = offline} set, reconnect by themselves (backoff with
 * jitter, through the broker list in order), and subscribe again to every filter given to
 * {@link #subscribe} after each reconnect.
 *
 * <p>Thread-safe: pipelines, the outbox and the command router publish from their own threads.
 */
public interface Publisher extends AutoCloseable {

  /** Connects (blocking, with retries until {@code timeoutMillis}) and publishes {@code availability = online}. */
  void start(long timeoutMillis) throws PublishException;

  /**
   * Publishes one message. Blocks while the client's in-flight window is full.
   *
   * @throws PublishException when the client is disconnected and could not take the message
   */
  void publish(String topic, byte[] payload, int qos, boolean retained) throws PublishException;

  /**
   * Publishes one message carrying MQTT 5 correlation data when present: how a command reply
   * goes to a requester's response topic (MQTT 5.0 section 4.10). Otherwise as {@link
   * #publish(String, byte[], int, boolean)}; a 3.1.1 client drops the correlation data.
   */
  void publish(String topic, byte[] payload, int qos, boolean retained, Optional<byte[]> correlationData)
      throws PublishException;

  /**
   * Sends one message and tells when the broker has it: the future completes on PUBACK (QoS 1),
   * PUBCOMP (QoS 2) or once written (QoS 0), and fails when the connection drops first (the
   * message may or may not have reached the broker). Blocks while the in-flight window is full,
   * so a caller that waits here never meets "too many publishes in progress".
   *
   * @throws PublishException when the client is not connected or the window stayed full
   */
  CompletableFuture<Void> send(String topic, byte[] payload, int qos, boolean retained) throws PublishException;

  /** Subscribes now and after every reconnect. Handlers run on the client's thread: keep them short. */
  void subscribe(String topicFilter, Consumer<IncomingMessage> handler) throws PublishException;

  /**
   * Called with {@code true} after each connect once subscriptions and {@code online} are done,
   * and with {@code false} when the connection is lost. Runs on a client thread: keep it short.
   */
  void addConnectionListener(Consumer<Boolean> listener);

  /** True between a completed connect (subscriptions renewed) and the next loss of the connection. */
  boolean isConnected();

  /** Publishes {@code availability = stopped}, waits for in-flight messages, disconnects. */
  @Override
  void close();
}
