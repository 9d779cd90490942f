package dev.edgeinfer.broker;

/** The embedded broker could not start; the message says why and what to change. */
public class BrokerException extends Exception {
  public BrokerException(String message) {
    super(message);
  }

  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
