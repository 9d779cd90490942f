package dev.edgeinfer.publish;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The daemon's one connection to its broker. Implementations connect with the Last Will
 * {@code availability = offline} set, reconnect by themselves, and subscribe again to every
 * filter given to {@link #subscribe} after each reconnect.
 *
 * <p>Thread-safe: pipelines publish from their own threads.
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

  /** Subscribes now and after every reconnect. Handlers run on the client's thread: keep them short. */
  void subscribe(String topicFilter, Consumer<IncomingMessage> handler) throws PublishException;

  boolean isConnected();

  /** Publishes {@code availability = stopped}, waits for in-flight messages, disconnects. */
  @Override
  void close();
}
