package dev.edgeinfer.config;

import java.util.Objects;

/**
 * One thing wrong with a config: where ({@code path}, a dotted key path such as {@code
 * pipelines.vibration.window.size}, or the file itself, or the {@code --set} override at fault)
 * and what. {@link #toString()} is the line {@code check-config} prints.
 */
public record ConfigProblem(String path, String message) {

  public ConfigProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
