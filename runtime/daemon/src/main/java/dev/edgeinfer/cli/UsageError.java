package dev.edgeinfer.cli;

/** Bad usage, bad config or bad input: the CLI prints the message (what and where) and exits 2. */
public class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message);
  }
}
