package dev.edgeinfer.publish;

/** A command that cannot be done; the message becomes the reply's {@code "error"}, so say what was wrong. */
public class CommandException extends Exception {
  public CommandException(String message) {
    super(message);
  }

  public CommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
