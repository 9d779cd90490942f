package dev.edgeinfer.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where state goes when {@code device.stateDir} is not set: systemd's {@code $STATE_DIRECTORY}
 * (the unit's {@code StateDirectory=}), else the packaged {@code /var/lib/edgeinfer} when this user
 * may write it, else the XDG state folder of a developer's account.
 */
final class DefaultStateDir {

  static final Path SYSTEM_DIR = Path.of("/var/lib/edgeinfer");

  private DefaultStateDir() {}

  static Path fromEnvironment() {
    return choose(System.getenv(), SYSTEM_DIR, Path.of(System.getProperty("user.home")));
  }

  static Path choose(Map<String, String> env, Path systemDir, Path home) {
    String stateDirectory = env.get("STATE_DIRECTORY");
    if (stateDirectory != null && !stateDirectory.isBlank()) {
      // systemd may pass several, colon-separated, when the unit names several; ours names one.
      return Path.of(stateDirectory.split(":")[0]);
    }
    if (Files.isDirectory(systemDir) && Files.isWritable(systemDir)) {
      return systemDir;
    }
    String xdg = env.get("XDG_STATE_HOME");
    // The XDG spec says to ignore relative values.
    Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/state");
    return base.resolve("edgeinfer");
  }
}
