package dev.edgeinfer.config;

import java.util.List;

/**
 * {@code pipelines.NAME}: a source, windowed, preprocessed, run through a model at the precision
 * its {@code precision} policy picks; results may drive pins ({@code actions}).
 */
public record PipelineConfig(String name, String source, String model, WindowConfig window,
    PreprocessingConfig preprocessing, OutputKind output, List<ActionConfig> actions, PrecisionConfig precision) {

  public PipelineConfig {
    actions = List.copyOf(actions);
  }

  /** Without actions, with the precision policy's defaults. */
  public PipelineConfig(String name, String source, String model, WindowConfig window,
      PreprocessingConfig preprocessing, OutputKind output) {
    this(name, source, model, window, preprocessing, output, List.of(), PrecisionConfig.DEFAULTS);
  }

  /** With actions and the precision policy's defaults. */
  public PipelineConfig(String name, String source, String model, WindowConfig window,
      PreprocessingConfig preprocessing, OutputKind output, List<ActionConfig> actions) {
    this(name, source, model, window, preprocessing, output, actions, PrecisionConfig.DEFAULTS);
  }

  /** Without actions. */
  public PipelineConfig(String name, String source, String model, WindowConfig window,
      PreprocessingConfig preprocessing, OutputKind output, PrecisionConfig precision) {
    this(name, source, model, window, preprocessing, output, List.of(), precision);
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
