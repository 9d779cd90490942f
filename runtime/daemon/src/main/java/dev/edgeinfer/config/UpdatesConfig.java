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
 */
public record UpdatesConfig(List<Path> trustedKeys, int keepVersions, long maxBundleBytes, long maxUncompressedBytes,
    TrialConfig trial, int downloadTimeoutSeconds) {

  public static final UpdatesConfig DEFAULTS =
      new UpdatesConfig(List.of(), 3, 64L << 20, 256L << 20, new TrialConfig(20, 30), 120);

  public UpdatesConfig {
    trustedKeys = List.copyOf(trustedKeys);
  }

  /** {@code updates.trial}: a new version stays after {@code inferences} results and {@code seconds} without failure. */
  public record TrialConfig(int inferences, int seconds) {}
}
