package dev.edgeinfer.config;

import java.util.List;

/** {@code pipelines.NAME}: a source, windowed, preprocessed, run through a model; results may drive pins. */
public record PipelineConfig(String name, String source, String model, WindowConfig window,
    PreprocessingConfig preprocessing, OutputKind output, List<ActionConfig> actions) {

  public PipelineConfig {
    actions = List.copyOf(actions);
  }

  /** A pipeline without actions. */
  public PipelineConfig(String name, String source, String model, WindowConfig window,
      PreprocessingConfig preprocessing, OutputKind output) {
    this(name, source, model, window, preprocessing, output, List.of());
  }

  /** {@code window}: {@code size} samples per window, a new window every {@code hop} samples. */
  public record WindowConfig(int size, int hop) {}

  /** How a model's output tensor becomes a result. */
  public enum OutputKind {
    CLASSIFICATION, REGRESSION;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
