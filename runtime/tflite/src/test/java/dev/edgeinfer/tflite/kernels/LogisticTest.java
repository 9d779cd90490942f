package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * LOGISTIC: INT8 through the table of SigmoidPrepare: dequantize, 1 / (1 + e^-x), times 256
 * (output scale 1/256, required), rounded half away from zero, plus the output zero point, clamped.
 */
class LogisticTest {
  static final int LOGISTIC = 14;

  @Test
  void int8_zeroPointMinus128_saturatesAndRounds() throws Exception {
    // input scale 0.5: q [0, 2, -2, 127, -128] -> x [0, 1, -1, 63.5, -64]
    // 256 sigmoid = [128, 187.15, 68.85, 256, ~0] -> [128, 187, 69, 256, 0] - 128 -> [0, 59, -59, 128 -> 127, -128]
    byte[] out = new SingleOpModel(LOGISTIC)
        .input(INT8, new int[] {5}, 0.5f, 0)
        .output(INT8, new int[] {5}, 1f / 256, -128)
        .run(SingleOpModel.int8(0, 2, -2, 127, -128));
    assertArrayEquals(new int[] {0, 59, -59, 127, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_inputZeroPointAtRangeEnd() throws Exception {
    // input zp -128, scale 1/16: q -128 -> x 0 -> 0.5 -> 128 - 128 = 0; q 127 -> x 15.9375 -> ~1 -> 127
    byte[] out = new SingleOpModel(LOGISTIC)
        .input(INT8, new int[] {2}, 1f / 16, -128)
        .output(INT8, new int[] {2}, 1f / 256, -128)
        .run(SingleOpModel.int8(-128, 127));
    assertArrayEquals(new int[] {0, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_values() throws Exception {
    byte[] out = new SingleOpModel(LOGISTIC)
        .input(FLOAT32, new int[] {4}, 0f, 0)
        .output(FLOAT32, new int[] {4}, 0f, 0)
        .run(SingleOpModel.float32(0f, 1f, -1f, 100f));
    assertArrayEquals(new float[] {0.5f, 0.7310586f, 0.26894142f, 1f}, SingleOpModel.float32Values(out), 1e-6f);
  }

  @Test
  void int8OutputScaleNot1Over256_refusedAtLoad() {
    SingleOpModel model = new SingleOpModel(LOGISTIC)
        .input(INT8, new int[] {2}, 0.5f, 0)
        .output(INT8, new int[] {2}, 1f / 128, -128);
    SingleOpModel.assertRefused(model, "LOGISTIC", "needs scale 1/256");
  }

  @Test
  void outputTypeDiffers_refusedAtLoad() {
    SingleOpModel model = new SingleOpModel(LOGISTIC)
        .input(INT8, new int[] {2}, 0.5f, 0)
        .output(FLOAT32, new int[] {2}, 0f, 0);
    SingleOpModel.assertRefused(model, "LOGISTIC", "output 0 has type FLOAT32");
  }
}
