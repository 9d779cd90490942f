package dev.edgeinfer.tflite.kernels.ref;

/**
 * Reference FULLY_CONNECTED (reference/fully_connected.h, reference/integer_ops/fully_connected.h):
 * {@code out[b][n] = act(requant(sum_k (w[n][k] + filterOffset) * (x[b][k] + inputOffset) + bias[n]))}.
 * Weights are {@code [outDepth, depth]}; per-tensor quantization passes the same multiplier in
 * every slot of the per-channel arrays.
 */
public final class FullyConnectedMath {
  private FullyConnectedMath() {}

  public static void fullyConnectedFloat(int batches, int depth, int outDepth, float[] in, int inBase,
      float[] weights, int wBase, float[] bias, int bBase, float actMin, float actMax, float[] out, int outBase) {
    for (int b = 0; b < batches; b++) {
      for (int n = 0; n < outDepth; n++) {
        float total = 0f;
        for (int k = 0; k < depth; k++) {
          total += in[inBase + b * depth + k] * weights[wBase + n * depth + k];
        }
        float v = total + (bias == null ? 0f : bias[bBase + n]);
        out[outBase + b * outDepth + n] = Math.min(Math.max(v, actMin), actMax);
      }
    }
  }

  /** {@code wT[depth][outDepth]}: the weights transposed for {@link #fullyConnectedFloatT}. */
  public static float[][] transposeFloat(float[] weights, int wBase, int depth, int outDepth) {
    float[][] wT = new float[depth][outDepth];
    LstmFloatMath.packTransposed(weights, wBase, outDepth, depth, wT, 0);
    return wT;
  }

  /**
   * {@link #fullyConnectedFloat} with transposed weights ({@link #transposeFloat}): the products
   * run through {@link LstmFloatMath#productsT} (vectorized, each sum still in the order k = 0, 1,
   * ...), so the result is bit-exact. {@code acc} holds outDepth floats.
   */
  public static void fullyConnectedFloatT(int batches, int depth, int outDepth, float[] in, int inBase,
      float[][] wT, float[] bias, int bBase, float actMin, float actMax, float[] out, int outBase, float[] acc) {
    for (int b = 0; b < batches; b++) {
      LstmFloatMath.productsT(in, inBase + b * depth, wT, outDepth, acc);
      int o = outBase + b * outDepth;
      for (int n = 0; n < outDepth; n++) {
        float v = acc[n] + (bias == null ? 0f : bias[bBase + n]);
        out[o + n] = Math.min(Math.max(v, actMin), actMax);
      }
    }
  }

  /** INT8 fully connected; {@code halfUp} selects the builtin kernel's requantization (see {@link FixedPoint}). */
  public static void fullyConnectedInt8(int batches, int depth, int outDepth, byte[] in, int inBase,
      int inputOffset, byte[] weights, int wBase, int filterOffset, int[] bias, int bBase, int[] multiplier,
      int[] shift, boolean halfUp, int outputOffset, int actMin, int actMax, byte[] out, int outBase) {
    for (int b = 0; b < batches; b++) {
      for (int n = 0; n < outDepth; n++) {
        int acc = 0;
        for (int k = 0; k < depth; k++) {
          acc += (weights[wBase + n * depth + k] + filterOffset) * (in[inBase + b * depth + k] + inputOffset);
        }
        if (bias != null) {
          acc += bias[bBase + n];
        }
        int v = ConvMath.requantize(acc, multiplier[n], shift[n], halfUp) + outputOffset;
        out[outBase + b * outDepth + n] = (byte) FixedPoint.clamp(v, actMin, actMax);
      }
    }
  }

  /** 16x8 fully connected: INT16 activations, INT8 weights, INT64 bias, 64-bit accumulator. */
  public static void fullyConnectedInt16(int batches, int depth, int outDepth, short[] in, int inBase,
      byte[] weights, int wBase, int filterOffset, long[] bias, int bBase, int[] multiplier, int[] shift,
      int outputOffset, int actMin, int actMax, short[] out, int outBase) {
    for (int b = 0; b < batches; b++) {
      for (int n = 0; n < outDepth; n++) {
        long acc = 0;
        for (int k = 0; k < depth; k++) {
          acc += (weights[wBase + n * depth + k] + filterOffset) * in[inBase + b * depth + k];
        }
        if (bias != null) {
          acc += bias[bBase + n];
        }
        int v = FixedPoint.multiplyByQuantizedMultiplier(acc, multiplier[n], shift[n]) + outputOffset;
        out[outBase + b * outDepth + n] = (short) FixedPoint.clamp(v, actMin, actMax);
      }
    }
  }
}
