package dev.edgeinfer.config;

/**
 * {@code pipelines.NAME}: a source, windowed, preprocessed, run through a model, at the precision
 * its {@code precision} policy picks.
 */
public record PipelineConfig(
    String name, String source, String model, WindowConfig window, PreprocessingConfig preprocessing, OutputKind output,
    PrecisionConfig precision) {

  /** With the precision policy's defaults. */
  public PipelineConfig(String name, String source, String model, WindowConfig window,
      PreprocessingConfig preprocessing, OutputKind output) {
    this(name, source, model, window, preprocessing, output, PrecisionConfig.DEFAULTS);
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
