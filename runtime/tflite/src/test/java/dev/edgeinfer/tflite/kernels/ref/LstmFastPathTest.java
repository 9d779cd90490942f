package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The LSTM's fast routines against the reference ones they replace, on seeded random data. */
class LstmFastPathTest {
  @Test
  void gateFast_matchesTheTwoReferenceProductsBitForBit() {
    Random rnd = new Random(20240519);
    for (int trial = 0; trial < 300; trial++) {
      int rows = 1 + rnd.nextInt(40);
      int nInput = 1 + rnd.nextInt(70);
      int nOutput = 1 + rnd.nextInt(40);
      byte[] x = bytes(rnd, 3 + nInput);
      byte[] h = bytes(rnd, 2 + nOutput);
      byte[] w = bytes(rnd, rows * nInput);
      byte[] r = bytes(rnd, rows * nOutput);
      // Biases as large as folded zero points make them, so both saturation directions occur.
      int[] xBias = ints(rnd, rows, 1 << (10 + rnd.nextInt(14)));
      int[] hBias = ints(rnd, rows, 1 << (10 + rnd.nextInt(14)));
      FixedPoint.Multiplier mx = FixedPoint.quantizeMultiplier(Math.pow(2, -4 - rnd.nextInt(14)) * rnd.nextDouble());
      FixedPoint.Multiplier mh = FixedPoint.quantizeMultiplier(Math.pow(2, -4 - rnd.nextInt(14)) * rnd.nextDouble());
      short[] expected = new short[rows];
      LstmMath.matMulAccumulate(x, 3, w, 0, xBias, mx.multiplier(), mx.shift(), 1, nInput, rows, expected);
      LstmMath.matMulAccumulate(h, 2, r, 0, hBias, mh.multiplier(), mh.shift(), 1, nOutput, rows, expected);
      int[] xi = new int[nInput];
      int[] hi = new int[nOutput];
      int[] wi = new int[w.length];
      int[] ri = new int[r.length];
      LstmMath.widen(x, 3, xi, nInput);
      LstmMath.widen(h, 2, hi, nOutput);
      LstmMath.widen(w, 0, wi, w.length);
      LstmMath.widen(r, 0, ri, r.length);
      short[] actual = new short[rows + 5];
      LstmMath.gateFast(xi, 0, wi, xBias, mx.multiplier(), mx.shift(), nInput, hi, 0, ri, hBias, mh.multiplier(),
          mh.shift(), nOutput, rows, actual, 5);
      assertArrayEquals(expected, java.util.Arrays.copyOfRange(actual, 5, rows + 5), "trial " + trial);
    }
  }

  @Test
  void activationTables_equalTheFixedPointRoutinesOnEveryInput() {
    for (int bits : new int[] {0, 3, 4, 6}) {
      short[] sigmoid = FixedPoint16.logisticTable(bits);
      short[] tanh = FixedPoint16.tanhTable(bits);
      for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
        assertEquals(FixedPoint16.logistic((short) v, bits), sigmoid[v + 32768], "logistic " + v + " bits " + bits);
        assertEquals(FixedPoint16.tanh((short) v, bits), tanh[v + 32768], "tanh " + v + " bits " + bits);
      }
    }
  }

  private static byte[] bytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private static int[] ints(Random rnd, int n, int bound) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(2 * bound) - bound;
    }
    return v;
  }
}
