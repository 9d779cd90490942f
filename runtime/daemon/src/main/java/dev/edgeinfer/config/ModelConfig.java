package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.Optional;

/** {@code models.NAME}: the INT8 file, its optional FP32 twin, labels, and how to run them. */
public record ModelConfig(
    String name,
    String version,
    Path int8,
    Optional<Path> fp32,
    Optional<Path> labels,
    EngineKind engine,
    int threads) {

  /** {@code auto}: native TensorFlow Lite where this JVM's architecture has a build, else pure Java. */
  public enum EngineKind {
    AUTO, TFLITE, JAVA;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
