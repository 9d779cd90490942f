package dev.edgeinfer.cli;

import dev.edgeinfer.config.ConfigException;
import dev.edgeinfer.config.ConfigLoader;
import dev.edgeinfer.config.ConfigProblem;
import dev.edgeinfer.config.EdgeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Loads a config for a command, turning problems into a {@link UsageError} (exit 2) with one line per problem. */
final class ConfigFiles {
  private ConfigFiles() {}

  static EdgeConfig load(Path file, List<String> overrides) {
    try {
      return ConfigLoader.load(file, overrides == null ? List.of() : overrides);
    } catch (ConfigException e) {
      throw new UsageError(file + ": invalid config\n" + e.problems().stream().map(ConfigProblem::toString)
          .collect(Collectors.joining("\n")));
    }
  }
}
