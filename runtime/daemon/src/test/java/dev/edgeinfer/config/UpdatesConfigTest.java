package dev.edgeinfer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code updates}: defaults when absent; every key read; bad values named by key path. */
class UpdatesConfigTest {
  @TempDir Path dir;

  private static final String BASE = """
      device: {id: pi-01}
      mqtt: {broker: tcp://127.0.0.1:1883}
      """;

  @Test
  void absent_givesTheDefaults() throws Exception {
    assertEquals(UpdatesConfig.DEFAULTS, new ConfigFixture(dir).load(BASE).updates());
    assertEquals(new UpdatesConfig(List.of(), 3, 64L << 20, 256L << 20, new UpdatesConfig.TrialConfig(20, 30), 120, 0.8),
        UpdatesConfig.DEFAULTS);
  }

  @Test
  void everyKey_isRead_andKeyPathsResolveAgainstTheConfigFolder() throws Exception {
    ConfigFixture fx = new ConfigFixture(dir);
    fx.placeholder("keys/a.pub");
    fx.placeholder("keys/b.pub");
    UpdatesConfig u = fx.load(BASE + """
        updates:
          trustedKeys: [keys/a.pub, keys/b.pub]
          keepVersions: 5
          maxBundleBytes: 1048576
          maxUncompressedBytes: 8388608
          trial: {inferences: 100, seconds: 0}
          downloadTimeoutSeconds: 30
        """).updates();
    assertEquals(new UpdatesConfig(List.of(dir.resolve("keys/a.pub"), dir.resolve("keys/b.pub")), 5, 1 << 20, 8 << 20,
        new UpdatesConfig.TrialConfig(100, 0), 30, 0.8), u);
  }

  @Test
  void badValues_areReportedByKeyPath() {
    ConfigFixture fx = new ConfigFixture(dir);
    List<String> problems = fx.problems(BASE + """
        updates:
          trustedKeys: [keys/missing.pub]
          keepVersions: 1
          maxUncompressedBytes: 10
          trial: {minutes: 3}
        """);
    assertEquals(List.of(
        "updates.trustedKeys[0]: file not found: " + dir.resolve("keys/missing.pub"),
        "updates.keepVersions: must be >= 2, got 1",
        "updates.maxUncompressedBytes: must be >= 4096, got 10",
        "updates.trial.minutes: unknown key (known: inferences, seconds)"), problems);
  }
}
