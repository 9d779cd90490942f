package dev.edgeinfer.model;

/**
 * A bundle (or a stored version) that must not be installed or run. {@link #reason()} is a stable
 * code that scripts and the {@code event/model} payload rely on; the message names the entry or
 * field at fault and says what is wrong with it.
 *
 * <p>Codes: {@code unsigned, unknown_key, bad_signature, bad_manifest, hash_mismatch, size_mismatch,
 * missing_file, unexpected_entry, unsafe_path, symlink, too_large, corrupt, runtime_too_old,
 * model_rejected, shape_mismatch, selftest_mismatch, precision_disagreement, version_exists}.
 */
public final class BundleRejected extends CodedFailure {
  public BundleRejected(String reason, String message) {
    super(reason, message, null);
  }

  public BundleRejected(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  @Override
  public String toString() {
    return "rejected (" + reason() + "): " + getMessage();
  }
}
