package dev.edgeinfer.model;

/**
 * A refusal with a stable {@link #reason()} code that scripts and the {@code event/model} payload
 * rely on, and a message naming what and where. The bundle checks ({@link BundleRejected}) and the
 * update path ({@code update.UpdateFailure}) each have their own codes; the update path reports
 * both the same way.
 */
public abstract class CodedFailure extends Exception {
  private final String reason;

  protected CodedFailure(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
