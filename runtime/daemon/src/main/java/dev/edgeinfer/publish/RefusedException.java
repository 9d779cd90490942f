package dev.edgeinfer.publish;

/**
 * The broker answered a publish with an MQTT 5 error reason code (0x80 and above, e.g. 0x87 not
 * authorized): sending the same message again would be refused again.
 */
public final class RefusedException extends PublishException {
  public RefusedException(String message) {
    super(message);
  }
}
