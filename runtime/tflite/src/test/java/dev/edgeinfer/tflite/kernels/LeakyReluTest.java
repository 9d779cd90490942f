package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * LEAKY_RELU. INT8 as LeakyReluPrepare / QuantizeLeakyRelu: {@code x - in_zp} times the multiplier
 * of {@code in_scale / out_scale} when non-negative, of {@code in_scale * alpha / out_scale}
 * otherwise (float arithmetic, widened to double for QuantizeMultiplier), plus the output zero point.
 */
class LeakyReluTest {
  static final int LEAKY_RELU = 98, LEAKY_RELU_OPTIONS = 75;

  static SingleOpModel leaky(float alpha) {
    return new SingleOpModel(LEAKY_RELU, LEAKY_RELU_OPTIONS, SingleOpModel.float0(alpha));
  }

  @Test
  void int8_bothBranches_roundingAndSaturation() throws Exception {
    // in scale 1, out 0.5, alpha 0.25: identity 2 (exact), negative 0.5 = 2^30 * 2^-31 (SRDHM, ties up):
    // -3 -> -1.5 -> -1, -2 -> -1, -128 -> -64; 0 -> 0, 5 -> 10, 127 -> 254 -> 127
    byte[] out = leaky(0.25f)
        .input(INT8, new int[] {6}, 1f, 0)
        .output(INT8, new int[] {6}, 0.5f, 0)
        .run(SingleOpModel.int8(-3, -2, -128, 0, 5, 127));
    assertArrayEquals(new int[] {-1, -1, -64, 0, 10, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_zeroPointsAtRangeEnds() throws Exception {
    // in zp 127 (every input at or below real 0) and out zp 127, scales 1, alpha 1/8:
    // x - zp = [-255, -8, 0] -> [-31.875 -> -32, -1, 0] + 127 = [95, 126, 127]
    byte[] out = leaky(0.125f)
        .input(INT8, new int[] {3}, 1f, 127)
        .output(INT8, new int[] {3}, 1f, 127)
        .run(SingleOpModel.int8(-128, 119, 127));
    assertArrayEquals(new int[] {95, 126, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_identityMultiplierFromFloatQuotient() throws Exception {
    // 0.875 / 0.75 in float is 1.16666663 (below 7/6): 3 -> SRDHM(6, 1252698752) = 3, not 3.5 -> 4
    byte[] out = leaky(0.5f)
        .input(INT8, new int[] {1}, 0.875f, 0)
        .output(INT8, new int[] {1}, 0.75f, 0)
        .run(SingleOpModel.int8(3));
    assertArrayEquals(new int[] {3}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_values() throws Exception {
    byte[] out = leaky(0.25f)
        .input(FLOAT32, new int[] {4}, 0f, 0)
        .output(FLOAT32, new int[] {4}, 0f, 0)
        .run(SingleOpModel.float32(-4f, -0.5f, 0f, 3f));
    assertArrayEquals(new float[] {-1f, -0.125f, 0f, 3f}, SingleOpModel.float32Values(out));
  }

  @Test
  void elementCountDiffers_refusedAtLoad() {
    SingleOpModel model = leaky(0.2f)
        .input(FLOAT32, new int[] {4}, 0f, 0)
        .output(FLOAT32, new int[] {3}, 0f, 0);
    SingleOpModel.assertRefused(model, "LEAKY_RELU", "input has 4 elements, output 3");
  }
}
