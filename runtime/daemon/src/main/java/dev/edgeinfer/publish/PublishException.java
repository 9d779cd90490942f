package dev.edgeinfer.publish;

/** The broker could not be reached or refused a message. */
public class PublishException extends Exception {
  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }

  public PublishException(String message) {
    super(message);
  }
}
