package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.List;

/** Reads the {@code updates} section; every key has a default, so the section may be left out. */
final class UpdatesReader {

  private static final List<String> KEYS = List.of("trustedKeys", "keepVersions", "maxBundleBytes",
      "maxUncompressedBytes", "trial", "downloadTimeoutSeconds", "minAgreement");
  private static final List<String> TRIAL_KEYS = List.of("inferences", "seconds");

  private UpdatesReader() {}

  static UpdatesConfig read(ConfigNode updates) {
    updates.allowOnly(KEYS);
    UpdatesConfig d = UpdatesConfig.DEFAULTS;
    List<Path> trustedKeys = updates.files("trustedKeys");
    // Active and previous are always kept: fewer than two would leave nothing to roll back to.
    int keep = updates.integer("keepVersions", d.keepVersions(), 2, 100);
    long maxBundle = atLeast(updates, "maxBundleBytes", d.maxBundleBytes(), 4096);
    long maxUncompressed = atLeast(updates, "maxUncompressedBytes", d.maxUncompressedBytes(), 4096);
    ConfigNode trial = updates.mapping("trial", false);
    trial.allowOnly(TRIAL_KEYS);
    int inferences = trial.integer("inferences", d.trial().inferences(), 0, 1_000_000);
    int seconds = trial.integer("seconds", d.trial().seconds(), 0, 86_400);
    int timeout = updates.integer("downloadTimeoutSeconds", d.downloadTimeoutSeconds(), 1, 86_400);
    double minAgreement = updates.number("minAgreement", d.minAgreement(), 0, 1);
    return new UpdatesConfig(trustedKeys, keep, maxBundle, maxUncompressed, new UpdatesConfig.TrialConfig(inferences,
        seconds), timeout, minAgreement);
  }

  private static long atLeast(ConfigNode node, String key, long defaultValue, long min) {
    long v = node.longInteger(key, defaultValue);
    if (v < min) {
      node.problem(key, "must be >= " + min + ", got " + v);
      return defaultValue;
    }
    return v;
  }
}
