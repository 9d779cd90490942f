package dev.edgeinfer.config;

/**
 * {@code pipelines.NAME.preprocessing}: how a window of samples becomes the model's input.
 *
 * <ul>
 *   <li>{@code normalize}: {@code none}; {@code remove-mean} (per axis, drops gravity and DC
 *       offsets while keeping amplitude); {@code standardize} (per axis, mean 0 and variance 1).
 *   <li>{@code features}: {@code raw} (the window itself, sample-major: s0.x s0.y s0.z s1.x ...)
 *       or {@code band-energies} ({@code bands} equal-width bands of the one-sided power spectrum
 *       per axis, axis-major, natural log of the energy when {@code logScale}).
 * </ul>
 */
public record PreprocessingConfig(Normalize normalize, Features features, int bands, boolean logScale) {

  public enum Normalize {
    NONE, REMOVE_MEAN, STANDARDIZE;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public enum Features {
    RAW, BAND_ENERGIES;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
