package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code updates}: remote model updates (see the README, "Model updates"). Immutable.
 *
 * @param trustedKeys Ed25519 public keys (PEM) whose signatures this device accepts; none: every
 *     bundle is refused
 * @param keepVersions versions of each model kept on disk, active and previous included
 * @param maxBundleBytes a bundle file larger than this is refused before it is opened
 * @param maxUncompressedBytes a bundle whose entries inflate to more than this in total is refused
 * @param trial how long a new version must serve without failing before it is committed
 * @param downloadTimeoutSeconds a download by URL that takes longer is abandoned
 * @param minAgreement the share of self-test vectors on which a bundle's INT8 and FP32 models must
 *     pick the same top class (classifiers with both precisions; 0 turns the check off)
 */
public record UpdatesConfig(List<Path> trustedKeys, int keepVersions, long maxBundleBytes, long maxUncompressedBytes,
    TrialConfig trial, int downloadTimeoutSeconds, double minAgreement) {

  public static final UpdatesConfig DEFAULTS =
      new UpdatesConfig(List.of(), 3, 64L << 20, 256L << 20, new TrialConfig(20, 30), 120, 0.8);

  public UpdatesConfig {
    trustedKeys = List.copyOf(trustedKeys);
  }

  /**
   * {@code updates.trial}: a new version stays once {@code inferences} results or {@code seconds}
   * have passed without a failure, whichever comes first.
   */
  public record TrialConfig(int inferences, int seconds) {}
}
