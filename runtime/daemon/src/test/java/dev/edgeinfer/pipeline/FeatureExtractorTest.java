package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.config.PreprocessingConfig.Features;
import dev.edgeinfer.config.PreprocessingConfig.Normalize;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

  private static final double RATE = 400;
  private static final int N = 128;

  /** Channel 0 a sine of {@code hz}, channel 1 silent, channel 2 a constant offset. */
  private static float[][] sineWindow(double hz, double amplitude) {
    float[][] w = new float[N][3];
    for (int s = 0; s < N; s++) {
      w[s][0] = (float) (amplitude * Math.sin(2 * Math.PI * hz * s / RATE));
      w[s][2] = 1f;
    }
    return w;
  }

  @Test
  void bandEnergies_pureSine_landsInItsBand() {
    // 8 bands over bins 1..64 of 3.125 Hz: band 3 is bins 25..32, 78.1..100 Hz; 87.5 Hz is bin 28.
    FeatureExtractor fx = new FeatureExtractor(new PreprocessingConfig(Normalize.REMOVE_MEAN, Features.BAND_ENERGIES, 8, false), N, 3);
    float[] out = new float[fx.featureCount()];
    fx.extract(sineWindow(87.5, 2.0), out);
    assertEquals(24, fx.featureCount());
    // Parseval: a sine of amplitude A on an exact bin has |X|^2 = (A N / 2)^2, here divided by N.
    assertEquals(2.0 * 2.0 * N / 4, out[3], 1e-3);
    for (int b = 0; b < 8; b++) {
      if (b != 3) {
        assertTrue(out[b] < 1e-9, "band " + b + " = " + out[b]);
      }
      assertTrue(out[8 + b] < 1e-9, "silent channel, band " + b);
      assertTrue(out[16 + b] < 1e-9, "remove-mean drops the constant channel, band " + b);
    }
  }

  @Test
  void bandEnergies_logScale_isLnOfEnergyPlusFloor() {
    PreprocessingConfig linear = new PreprocessingConfig(Normalize.REMOVE_MEAN, Features.BAND_ENERGIES, 4, false);
    PreprocessingConfig log = new PreprocessingConfig(Normalize.REMOVE_MEAN, Features.BAND_ENERGIES, 4, true);
    float[][] w = sineWindow(30, 0.7);
    float[] a = new float[12];
    float[] b = new float[12];
    new FeatureExtractor(linear, N, 3).extract(w, a);
    new FeatureExtractor(log, N, 3).extract(w, b);
    for (int i = 0; i < 12; i++) {
      assertEquals(Math.log(a[i] + 1e-6), b[i], 1e-5);
    }
    assertEquals(Math.log(1e-6), b[8], 1e-5, "a silent band is ln(1e-6)");
  }

  @Test
  void raw_standardize_isSampleMajorWithZeroMeanUnitVariancePerAxis() {
    Random random = new Random(21);
    float[][] w = new float[16][3];
    for (float[] s : w) {
      s[0] = (float) (5 + 2 * random.nextGaussian());
      s[1] = (float) (-1 + 0.1 * random.nextGaussian());
      s[2] = 3f; // flat: stays 0 instead of dividing by zero
    }
    FeatureExtractor fx = new FeatureExtractor(new PreprocessingConfig(Normalize.STANDARDIZE, Features.RAW, 0, false), 16, 3);
    float[] out = new float[fx.featureCount()];
    fx.extract(w, out);
    assertEquals(48, out.length);
    for (int c = 0; c < 2; c++) {
      double mean = 0;
      double sq = 0;
      for (int s = 0; s < 16; s++) {
        mean += out[s * 3 + c];
        sq += out[s * 3 + c] * out[s * 3 + c];
      }
      assertEquals(0, mean / 16, 1e-6);
      assertEquals(1, sq / 16, 1e-5);
    }
    double mean0 = 0;
    for (float[] s : w) {
      mean0 += s[0];
    }
    assertEquals(Math.signum(w[5][0] - mean0 / 16), Math.signum(out[5 * 3]), "sample 5 of x sits at index 15");
    for (int s = 0; s < 16; s++) {
      assertEquals(0f, out[s * 3 + 2]);
    }
  }

  @Test
  void constructor_bandEnergiesWithWindowNotAPowerOfTwo_isRefused() {
    PreprocessingConfig cfg = new PreprocessingConfig(Normalize.NONE, Features.BAND_ENERGIES, 8, true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeatureExtractor(cfg, 100, 3));
    assertTrue(e.getMessage().contains("power-of-two"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new FeatureExtractor(
        new PreprocessingConfig(Normalize.NONE, Features.BAND_ENERGIES, 65, true), 128, 3));
  }

  @Test
  void extract_afterConstruction_allocatesNothing() {
    FeatureExtractor fx = new FeatureExtractor(new PreprocessingConfig(Normalize.REMOVE_MEAN, Features.BAND_ENERGIES, 8, true), N, 3);
    float[][] w = sineWindow(50, 1);
    float[] out = new float[fx.featureCount()];
    for (int i = 0; i < 2000; i++) {
      fx.extract(w, out); // warm up, so the JIT is not measured
    }
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 1000; i++) {
      fx.extract(w, out);
    }
    long allocated = mx.getThreadAllocatedBytes(id) - before;
    assertTrue(allocated < 1000, "1000 calls allocated " + allocated + " bytes");
  }
}
