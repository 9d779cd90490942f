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

  /** INT8 fully connected; {@code singleRounding} selects ruy's requantization (see {@link FixedPoint}). */
  public static void fullyConnectedInt8(int batches, int depth, int outDepth, byte[] in, int inBase,
      int inputOffset, byte[] weights, int wBase, int filterOffset, int[] bias, int bBase, int[] multiplier,
      int[] shift, boolean singleRounding, int outputOffset, int actMin, int actMax, byte[] out, int outBase) {
    for (int b = 0; b < batches; b++) {
      for (int n = 0; n < outDepth; n++) {
        int acc = 0;
        for (int k = 0; k < depth; k++) {
          acc += (weights[wBase + n * depth + k] + filterOffset) * (in[inBase + b * depth + k] + inputOffset);
        }
        if (bias != null) {
          acc += bias[bBase + n];
        }
        int v = ConvMath.requantize(acc, multiplier[n], shift[n], singleRounding) + outputOffset;
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
