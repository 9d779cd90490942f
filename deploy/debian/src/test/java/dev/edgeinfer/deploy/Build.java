package dev.edgeinfer.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the build made and where the sources are, as the pom passes them to the tests. */
final class Build {
  private Build() {}

  /** {@code deploy/debian/target/edgeinfer_VERSION_all.deb}. */
  static Path deb() {
    return existing("edgeinfer.deb");
  }

  /** The daemon's shaded jar, which the package carries. */
  static Path jar() {
    return existing("edgeinfer.jar");
  }

  /** The repository's root folder. */
  static Path repo() {
    return existing("edgeinfer.repo");
  }

  static String version() {
    return System.getProperty("edgeinfer.version", "0.1.0");
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    assertTrue(value != null, "system property " + property + " is not set (run through Maven: mvn verify)");
    Path path = Path.of(value).toAbsolutePath().normalize();
    assertTrue(Files.exists(path), property + ": " + path + " does not exist (mvn package first)");
    return path;
  }
}
