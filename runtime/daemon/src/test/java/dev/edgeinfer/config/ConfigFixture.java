package dev.edgeinfer.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A config folder in a temp dir, with placeholder model and data files next to the YAML, as a
 * device would have them. Loads with a fixed default state dir so results do not depend on the
 * machine running the tests.
 */
final class ConfigFixture {

  static final Path DEFAULT_STATE_DIR = Path.of("/default-state");

  /** The smallest valid config: one model, one sensor, one pipeline, everything else default. */
  static final String MINIMAL = """
      device:
        id: pi-lab-01
      mqtt:
        broker: tcp://127.0.0.1:1883
      models:
        vibration:
          int8: models/vibration_int8.tflite
      sensors:
        motor:
          type: synthetic
      pipelines:
        vibration:
          source: motor
          model: vibration
          window: {size: 128}
      """;

  final Path dir;

  ConfigFixture(Path dir) {
    this.dir = dir;
    placeholder("models/vibration_int8.tflite");
    placeholder("models/vibration_fp32.tflite");
    placeholder("models/vibration.labels");
    placeholder("data/run1.csv");
  }

  Path placeholder(String relative) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      return Files.writeString(p, "placeholder\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path write(String yaml) {
    try {
      return Files.writeString(dir.resolve("config.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  EdgeConfig load(String yaml, String... overrides) throws ConfigException {
    return ConfigLoader.load(write(yaml), List.of(overrides), () -> DEFAULT_STATE_DIR);
  }

  /** The problem lines of a config that must not load. */
  List<String> problems(String yaml, String... overrides) {
    Path file = write(yaml);
    ConfigException e = assertThrows(
        ConfigException.class, () -> ConfigLoader.load(file, List.of(overrides), () -> DEFAULT_STATE_DIR));
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  /** {@link #MINIMAL} with one line replaced: the way most mistake tests are written. */
  static String minimalWith(String line, String replacement) {
    if (!MINIMAL.contains(line)) {
      throw new IllegalArgumentException("not in MINIMAL: " + line);
    }
    return MINIMAL.replace(line, replacement);
  }
}
