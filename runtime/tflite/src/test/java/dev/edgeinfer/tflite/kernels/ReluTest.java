package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * RELU. INT8 as activations.cc ReluPrepare / QuantizedReluX: the multiplier of
 * {@code input_scale / output_scale} (a float quotient, then widened to double), applied to
 * {@code x - in_zp}, plus the output zero point, clamped below at the output zero point.
 */
class ReluTest {
  static final int RELU = 19;

  @Test
  void int8_sameScale_clampsAtZeroPoint() throws Exception {
    byte[] out = new SingleOpModel(RELU)
        .input(INT8, new int[] {4}, 1f, 0)
        .output(INT8, new int[] {4}, 1f, 0)
        .run(SingleOpModel.int8(-128, -1, 0, 127));
    assertArrayEquals(new int[] {0, 0, 0, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_outputZeroPointAtBottom_saturatesHigh() throws Exception {
    // out zp -128: real 0 is -128; x 127 -> 127 - 128 = -1; x 5 -> -123; x -5 -> -133 -> -128
    // input zp -128 on the second half: x -128 -> real 0 -> -128; x 127 -> real 255 -> 127 (saturated)
    byte[] out = new SingleOpModel(RELU)
        .input(INT8, new int[] {3}, 1f, 0)
        .output(INT8, new int[] {3}, 1f, -128)
        .run(SingleOpModel.int8(127, 5, -5));
    assertArrayEquals(new int[] {-1, -123, -128}, SingleOpModel.int8Values(out));
    byte[] sat = new SingleOpModel(RELU)
        .input(INT8, new int[] {2}, 1f, -128)
        .output(INT8, new int[] {2}, 1f, -128)
        .run(SingleOpModel.int8(-128, 127));
    assertArrayEquals(new int[] {-128, 127}, SingleOpModel.int8Values(sat));
  }

  @Test
  void int8_rescaleByHalf_roundsTies() throws Exception {
    // 0.5 / 1 = 0.5 = 2^30 * 2^-31: SRDHM alone rounds, ties up: 1 -> 0.5 -> 1, 3 -> 1.5 -> 2, 5 -> 2.5 -> 3
    byte[] out = new SingleOpModel(RELU)
        .input(INT8, new int[] {4}, 0.5f, 0)
        .output(INT8, new int[] {4}, 1f, 0)
        .run(SingleOpModel.int8(1, 3, 5, -3));
    assertArrayEquals(new int[] {1, 2, 3, 0}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_multiplierFromFloatQuotient() throws Exception {
    // 0.875 / 0.75 = 7/6: TFLite divides in float (1.16666663, below 7/6), QuantizeMultiplier gives
    // 1252698752 * 2^(1-31); 3 -> SRDHM(6, 1252698752) = floor(3.49999988 + 0.5) = 3.
    // (The exact 7/6 would give 3.5 -> 4.)
    byte[] out = new SingleOpModel(RELU)
        .input(INT8, new int[] {1}, 0.875f, 0)
        .output(INT8, new int[] {1}, 0.75f, 0)
        .run(SingleOpModel.int8(3));
    assertArrayEquals(new int[] {3}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_values() throws Exception {
    byte[] out = new SingleOpModel(RELU)
        .input(FLOAT32, new int[] {4}, 0f, 0)
        .output(FLOAT32, new int[] {4}, 0f, 0)
        .run(SingleOpModel.float32(-1f, 0f, 2.5f, 7f));
    assertArrayEquals(new float[] {0f, 0f, 2.5f, 7f}, SingleOpModel.float32Values(out));
  }

  @Test
  void outputTypeDiffers_refusedAtLoad() {
    SingleOpModel model = new SingleOpModel(RELU)
        .input(INT8, new int[] {2}, 1f, 0)
        .output(FLOAT32, new int[] {2}, 0f, 0);
    SingleOpModel.assertRefused(model, "RELU", "output 0 has type FLOAT32");
  }
}
