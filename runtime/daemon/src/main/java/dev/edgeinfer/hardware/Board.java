package dev.edgeinfer.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which board this is, from the device tree's model string ("Raspberry Pi 5 Model B Rev 1.0").
 * Read directly rather than through Pi4J's board detection, which logs errors on every machine
 * that is not a Pi and so on every developer's PC and CI run.
 */
public final class Board {
  private final Optional<String> model;

  private Board(Optional<String> model) {
    this.model = model;
  }

  /** This machine: {@code /proc/device-tree/model}, which Raspberry Pi OS always has. */
  public static Board detect() {
    return fromModelFile(Path.of("/proc/device-tree/model"));
  }

  /** The model file of a device tree; absent or unreadable means "not a device-tree board". */
  public static Board fromModelFile(Path modelFile) {
    try {
      // The kernel ends the string with a NUL.
      String text = new String(Files.readAllBytes(modelFile), StandardCharsets.US_ASCII).replace("\0", "").strip();
      return new Board(text.isEmpty() ? Optional.empty() : Optional.of(text));
    } catch (IOException e) {
      return new Board(Optional.empty());
    }
  }

  public Optional<String> model() {
    return model;
  }

  public boolean isRaspberryPi() {
    return model.map(m -> m.startsWith("Raspberry Pi")).orElse(false);
  }

  @Override
  public String toString() {
    return model.orElse("not a Raspberry Pi");
  }
}
