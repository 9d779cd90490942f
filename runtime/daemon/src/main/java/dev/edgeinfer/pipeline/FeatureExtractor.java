package dev.edgeinfer.pipeline;

import dev.edgeinfer.config.PreprocessingConfig;

/**
 * Turns a window of samples into the model's input vector, as {@link PreprocessingConfig} says.
 *
 * <p>The window is {@code float[sample][channel]}: {@code windowSize} rows of {@code channels}
 * values, oldest first. Each channel is first normalized on its own (remove-mean: minus its mean;
 * standardize: minus the mean, divided by the population standard deviation, or by 1 when that is
 * below 1e-8, so a flat channel stays 0). Then:
 * <ul>
 *   <li>raw: the normalized values, sample-major (s0.c0 s0.c1 ... s1.c0 ...);
 *   <li>band-energies: the one-sided power spectrum |X[k]|^2 / N for k = 1..N/2 (DC left out,
 *       Nyquist kept), cut into {@code bands} equal runs of bins (band b covers bins
 *       1 + b*(N/2)/bands up to, not including, 1 + (b+1)*(N/2)/bands), summed; channel-major
 *       (c0.b0 c0.b1 ... c1.b0 ...); ln(energy + 1e-6) when {@code logScale}.
 * </ul>
 * Arithmetic is in double with StrictMath, so features are identical on every JVM.
 *
 * <p>Owned by one thread: scratch arrays are allocated once, and {@link #extract} allocates nothing.
 */
public final class FeatureExtractor {

  static final double LOG_FLOOR = 1e-6;
  private static final double MIN_STD = 1e-8;

  private final PreprocessingConfig config;
  private final int windowSize;
  private final int channels;
  private final int featureCount;
  private final Fft fft;
  private final double[] re;
  private final double[] im;

  public FeatureExtractor(PreprocessingConfig config, int windowSize, int channels) {
    if (windowSize < 1 || channels < 1) {
      throw new IllegalArgumentException("window size and channels must be >= 1: " + windowSize + ", " + channels);
    }
    this.config = config;
    this.windowSize = windowSize;
    this.channels = channels;
    if (config.features() == PreprocessingConfig.Features.BAND_ENERGIES) {
      if (windowSize < 2 || Integer.bitCount(windowSize) != 1) {
        throw new IllegalArgumentException("band-energies needs a power-of-two window size (e.g. 128 or 256), got "
            + windowSize);
      }
      if (config.bands() < 1 || config.bands() > windowSize / 2) {
        throw new IllegalArgumentException("bands must be between 1 and window size / 2 = " + windowSize / 2
            + ", got " + config.bands());
      }
      fft = new Fft(windowSize);
      featureCount = config.bands() * channels;
    } else {
      fft = null;
      featureCount = windowSize * channels;
    }
    re = new double[windowSize];
    im = new double[windowSize];
  }

  public int featureCount() {
    return featureCount;
  }

  /** Fills {@code out[0..featureCount)} from {@code window}. */
  public void extract(float[][] window, float[] out) {
    if (window.length != windowSize) {
      throw new IllegalArgumentException("window has " + window.length + " samples, expected " + windowSize);
    }
    if (out.length < featureCount) {
      throw new IllegalArgumentException("output holds " + out.length + " values, need " + featureCount);
    }
    for (int c = 0; c < channels; c++) {
      for (int s = 0; s < windowSize; s++) {
        re[s] = window[s][c];
      }
      normalize();
      if (fft == null) {
        for (int s = 0; s < windowSize; s++) {
          out[s * channels + c] = (float) re[s];
        }
      } else {
        bandEnergies(out, c * config.bands());
      }
    }
  }

  private void normalize() {
    if (config.normalize() == PreprocessingConfig.Normalize.NONE) {
      return;
    }
    double mean = 0;
    for (int s = 0; s < windowSize; s++) {
      mean += re[s];
    }
    mean /= windowSize;
    double var = 0;
    for (int s = 0; s < windowSize; s++) {
      re[s] -= mean;
      var += re[s] * re[s];
    }
    if (config.normalize() == PreprocessingConfig.Normalize.STANDARDIZE) {
      double std = StrictMath.sqrt(var / windowSize);
      double div = std < MIN_STD ? 1 : std;
      for (int s = 0; s < windowSize; s++) {
        re[s] /= div;
      }
    }
  }

  private void bandEnergies(float[] out, int offset) {
    java.util.Arrays.fill(im, 0);
    fft.transform(re, im);
    int bins = windowSize / 2;
    int bands = config.bands();
    for (int b = 0; b < bands; b++) {
      int from = 1 + b * bins / bands;
      int to = 1 + (b + 1) * bins / bands;
      double energy = 0;
      for (int k = from; k < to; k++) {
        energy += re[k] * re[k] + im[k] * im[k];
      }
      energy /= windowSize;
      out[offset + b] = (float) (config.logScale() ? StrictMath.log(energy + LOG_FLOOR) : energy);
    }
  }
}
