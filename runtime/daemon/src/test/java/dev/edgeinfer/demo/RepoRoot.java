package dev.edgeinfer.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from wherever Maven runs the tests: the folder holding device-config. */
final class RepoRoot {

  private RepoRoot() {}

  static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("device-config"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no folder named device-config above " + Path.of("").toAbsolutePath());
  }

  static Path models() {
    return find().resolve("device-config").resolve("models");
  }
}
