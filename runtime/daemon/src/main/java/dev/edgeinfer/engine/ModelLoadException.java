package dev.edgeinfer.engine;

import java.nio.file.Path;

/** A model file that cannot be loaded; the message names the file and says why. */
public class ModelLoadException extends Exception {
  public ModelLoadException(Path file, String reason) {
    super(file + ": " + reason);
  }

  public ModelLoadException(Path file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
  }
}
