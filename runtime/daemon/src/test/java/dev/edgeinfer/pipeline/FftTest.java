package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FftTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8, 64, 128, 512})
  void transform_seededRandomInput_matchesANaiveDft(int n) {
    Random random = new Random(1000 + n);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = random.nextGaussian();
      im[i] = random.nextGaussian();
    }
    double[] expRe = new double[n];
    double[] expIm = new double[n];
    for (int k = 0; k < n; k++) {
      for (int t = 0; t < n; t++) {
        double a = -2 * Math.PI * ((long) k * t % n) / n;
        expRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
        expIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
      }
    }
    new Fft(n).transform(re, im);
    for (int k = 0; k < n; k++) {
      assertEquals(expRe[k], re[k], 1e-9 * n, "re[" + k + "]");
      assertEquals(expIm[k], im[k], 1e-9 * n, "im[" + k + "]");
    }
  }

  @Test
  void constructor_sizeNotAPowerOfTwo_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Fft(96));
    assertThrows(IllegalArgumentException.class, () -> new Fft(0));
  }
}
