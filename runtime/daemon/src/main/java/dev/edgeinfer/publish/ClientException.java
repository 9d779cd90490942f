package dev.edgeinfer.publish;

/**
 * A Paho client call failed; carries Paho's reason code so that both Paho clients (MQTT 5 and
 * 3.1.1, whose exception classes differ) report the same way through {@link SessionPublisher}.
 */
final class ClientException extends Exception {
  ClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
