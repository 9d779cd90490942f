package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The widened, transposed INT8 matrix-vector product against the reference FULLY_CONNECTED loop. */
class IntMatVecTest {
  @Test
  void fullyConnectedInt8_equalsTheReferenceBitForBit() {
    Random rnd = new Random(4242);
    for (int trial = 0; trial < 300; trial++) {
      int batches = 1 + rnd.nextInt(4);
      int depth = 1 + rnd.nextInt(70);
      int outDepth = 1 + rnd.nextInt(40);
      int inBase = rnd.nextInt(5), wBase = rnd.nextInt(5), bBase = rnd.nextInt(5), outBase = rnd.nextInt(5);
      byte[] in = bytes(rnd, inBase + batches * depth);
      byte[] w = bytes(rnd, wBase + outDepth * depth);
      int[] bias = null;
      if (rnd.nextBoolean()) {
        bias = new int[bBase + outDepth];
        for (int i = 0; i < bias.length; i++) {
          bias[i] = rnd.nextInt(1 << 20) - (1 << 19);
        }
      }
      int inputOffset = rnd.nextInt(256) - 127;
      int filterOffset = rnd.nextBoolean() ? 0 : rnd.nextInt(256) - 127;
      int[] mult = new int[outDepth];
      int[] shift = new int[outDepth];
      for (int n = 0; n < outDepth; n++) {
        mult[n] = (1 << 30) + rnd.nextInt(1 << 30);
        shift[n] = -rnd.nextInt(16) - 1;
      }
      boolean halfUp = rnd.nextBoolean();
      int outputOffset = rnd.nextInt(256) - 128;
      int lo = -128 + rnd.nextInt(20), hi = 127 - rnd.nextInt(20);
      byte[] expected = new byte[outBase + batches * outDepth];
      byte[] actual = new byte[expected.length];
      FullyConnectedMath.fullyConnectedInt8(batches, depth, outDepth, in, inBase, inputOffset, w, wBase, filterOffset,
          bias, bBase, mult, shift, halfUp, outputOffset, lo, hi, expected, outBase);
      IntMatVec mv = new IntMatVec(w, wBase, outDepth, depth, filterOffset, inputOffset, bias, bBase);
      mv.fullyConnectedInt8(batches, in, inBase, mult, shift, halfUp, outputOffset, lo, hi, actual, outBase,
          new int[outDepth]);
      assertArrayEquals(expected, actual, "trial " + trial);
    }
  }

  @Test
  void fullyConnectedFloatT_equalsTheReferenceBitForBit() {
    Random rnd = new Random(99);
    for (int trial = 0; trial < 300; trial++) {
      int batches = 1 + rnd.nextInt(4);
      int depth = 1 + rnd.nextInt(70);
      int outDepth = 1 + rnd.nextInt(40);
      int inBase = rnd.nextInt(5), wBase = rnd.nextInt(5), bBase = rnd.nextInt(5), outBase = rnd.nextInt(5);
      float[] in = floats(rnd, inBase + batches * depth);
      float[] w = floats(rnd, wBase + outDepth * depth);
      float[] bias = rnd.nextBoolean() ? null : floats(rnd, bBase + outDepth);
      float lo = rnd.nextBoolean() ? Float.NEGATIVE_INFINITY : -rnd.nextFloat();
      float hi = rnd.nextBoolean() ? Float.POSITIVE_INFINITY : rnd.nextFloat();
      float[] expected = new float[outBase + batches * outDepth];
      float[] actual = new float[expected.length];
      FullyConnectedMath.fullyConnectedFloat(batches, depth, outDepth, in, inBase, w, wBase, bias, bBase, lo, hi,
          expected, outBase);
      FullyConnectedMath.fullyConnectedFloatT(batches, depth, outDepth, in, inBase,
          FullyConnectedMath.transposeFloat(w, wBase, depth, outDepth), bias, bBase, lo, hi, actual, outBase,
          new float[outDepth]);
      for (int i = 0; i < expected.length; i++) {
        org.junit.jupiter.api.Assertions.assertEquals(Float.floatToIntBits(expected[i]),
            Float.floatToIntBits(actual[i]), "trial " + trial + " element " + i);
      }
    }
  }

  static float[] floats(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(9) == 0 ? 0f : (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
    }
    return v;
  }

  static byte[] bytes(Random rnd, int n) {
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      v[i] = (byte) (rnd.nextInt(7) == 0 ? 0 : rnd.nextInt(256) - 128);
    }
    return v;
  }
}
