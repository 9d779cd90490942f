package dev.edgeinfer.update;

import dev.edgeinfer.model.CodedFailure;

/**
 * Why an update did not go through: a stable {@link #reason()} code (the verifier's codes, plus
 * this package's: {@code download_failed}, {@code too_large}, {@code hash_mismatch}, {@code
 * size_mismatch}, {@code bad_chunk}, {@code unknown_model}, {@code incompatible}, {@code
 * trial_failed}, {@code no_previous}) and a message naming what and where.
 */
public final class UpdateFailure extends CodedFailure {
  public UpdateFailure(String reason, String message) {
    super(reason, message, null);
  }

  public UpdateFailure(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
