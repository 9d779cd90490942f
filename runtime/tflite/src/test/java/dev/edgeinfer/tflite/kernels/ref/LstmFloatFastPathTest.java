package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The float LSTM's packed products against the reference gate's sums, on seeded random data. */
class LstmFloatFastPathTest {
  @Test
  void products8_equalsTheReferenceGateBitForBit() {
    Random rnd = new Random(7_2024);
    for (int trial = 0; trial < 200; trial++) {
      int nCell = 1 + rnd.nextInt(30);
      int nInput = 1 + rnd.nextInt(50);
      int rows8 = (4 * nCell + 7) / 8 * 8;
      float[][] w = new float[4][];
      float[] packed = new float[rows8 * nInput];
      for (int g = 0; g < 4; g++) {
        w[g] = floats(rnd, nCell * nInput);
        LstmFloatMath.packRows8(w[g], 0, nCell, nInput, packed, g * nCell);
      }
      float[] x = floats(rnd, nInput + 2);
      float[] acc = new float[rows8];
      LstmFloatMath.products8(x, 2, packed, nInput, rows8, acc);
      float[] zeroH = new float[1];
      float[] zeroR = new float[nCell];
      float[] bias = new float[nCell];
      for (int g = 0; g < 4; g++) {
        // The reference gate with no activation, zero bias and a zero recurrent part: bias + acc + rec
        // is acc itself (up to the sign of zero, which activate's callers never distinguish).
        float[] expected = new float[nCell];
        LstmFloatMath.gate(x, 2, w[g], 0, zeroH, 0, zeroR, 0, bias, 0, 1, nInput, 1, nCell, LstmFloatMath.NONE,
            expected);
        for (int c = 0; c < nCell; c++) {
          assertEquals(expected[c] + 0f, acc[g * nCell + c] + 0f, 0f, "trial " + trial + " gate " + g + " cell " + c);
          assertEquals(Float.floatToIntBits(expected[c] + 0f), Float.floatToIntBits(acc[g * nCell + c] + 0f));
        }
      }
    }
  }

  @Test
  void productsT_equalsTheReferenceGateBitForBit() {
    Random rnd = new Random(17_2019);
    for (int trial = 0; trial < 200; trial++) {
      int nCell = 1 + rnd.nextInt(30);
      int nInput = 1 + rnd.nextInt(50);
      float[][] w = new float[4][];
      float[][] wT = new float[nInput][4 * nCell];
      for (int g = 0; g < 4; g++) {
        w[g] = floats(rnd, nCell * nInput + 3);
        LstmFloatMath.packTransposed(w[g], 3, nCell, nInput, wT, g * nCell);
      }
      float[] x = floats(rnd, nInput + 2);
      float[] acc = new float[4 * nCell];
      LstmFloatMath.productsT(x, 2, wT, 4 * nCell, acc);
      float[] zeroH = new float[1];
      float[] zeroR = new float[nCell];
      float[] bias = new float[nCell];
      for (int g = 0; g < 4; g++) {
        float[] expected = new float[nCell];
        LstmFloatMath.gate(x, 2, w[g], 3, zeroH, 0, zeroR, 0, bias, 0, 1, nInput, 1, nCell, LstmFloatMath.NONE,
            expected);
        for (int c = 0; c < nCell; c++) {
          assertEquals(Float.floatToIntBits(expected[c] + 0f), Float.floatToIntBits(acc[g * nCell + c] + 0f),
              "trial " + trial + " gate " + g + " cell " + c);
        }
      }
    }
  }

  @Test
  void tanhFast_withinOneMillionthOfTheReference() {
    Random rnd = new Random(2_19);
    for (int i = 0; i < 1_000_000; i++) {
      float x = i < 200_000 ? Float.intBitsToFloat(rnd.nextInt())
          : (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(14) - 10));
      assertTanh(x);
    }
    for (float x : new float[] {0f, -0f, 0.0625f, -0.0625f, Math.nextDown(0.0625f), 1e-40f, 9f, 10f, 20f, -20f,
        Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN}) {
      assertTanh(x);
    }
  }

  private static void assertTanh(float x) {
    float expected = LstmFloatMath.activate(x, LstmFloatMath.TANH);
    float actual = LstmFloatMath.activateFast(x, LstmFloatMath.TANH);
    if (Float.isNaN(expected) || expected == 0f || Float.isInfinite(expected)) {
      assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), "tanh(" + x + ")");
    } else {
      assertEquals(expected, actual, 1e-6 * Math.abs(expected), "tanh(" + x + ")");
    }
  }

  private static float[] floats(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      // Mixed magnitudes, so that rounding (and any change of summation order) would show.
      v[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
    }
    return v;
  }
}
