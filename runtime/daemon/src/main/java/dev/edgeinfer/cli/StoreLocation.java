package dev.edgeinfer.cli;

import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.config.UpdatesConfig;
import dev.edgeinfer.model.ModelStore;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE | --state-dir DIR}: which device's model store a command works on. */
final class StoreLocation {
  @Option(names = "--config", paramLabel = "FILE", description = "The device config (its device.stateDir and updates).")
  Path config;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "The daemon's state directory (models/ inside).")
  Path stateDir;

  ModelStore open() {
    if (config != null) {
      EdgeConfig c = ConfigFiles.load(config, List.of());
      return new ModelStore(c.device().stateDir(), c.updates().keepVersions());
    }
    return new ModelStore(stateDir, UpdatesConfig.DEFAULTS.keepVersions());
  }
}
