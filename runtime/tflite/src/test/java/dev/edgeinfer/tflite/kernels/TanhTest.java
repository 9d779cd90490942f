package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** TANH: INT8 through TanhPrepare's table (dequantize, tanhf, divide by the output scale, round half away, add zp, clamp). */
class TanhTest {
  static final int TANH = 28;

  @Test
  void int8_saturatesAtBothEnds_andRounds() throws Exception {
    // input scale 0.5: q [0, 1, -1, 127, -128] -> x [0, 0.5, -0.5, 63.5, -64]; output scale 1/128:
    // 128 tanh = [0, 59.15, -59.15, 128, -128] -> [0, 59, -59, 128 -> 127, -128]
    byte[] out = new SingleOpModel(TANH)
        .input(INT8, new int[] {5}, 0.5f, 0)
        .output(INT8, new int[] {5}, 1f / 128, 0)
        .run(SingleOpModel.int8(0, 1, -1, 127, -128));
    assertArrayEquals(new int[] {0, 59, -59, 127, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_nonZeroZeroPoints() throws Exception {
    // input zp 10: q 10 -> x 0 -> tanh 0 -> output zp -3; q 12 -> x 1 -> 128 * 0.761594 = 97.48 -> 97 - 3 = 94
    byte[] out = new SingleOpModel(TANH)
        .input(INT8, new int[] {2}, 0.5f, 10)
        .output(INT8, new int[] {2}, 1f / 128, -3)
        .run(SingleOpModel.int8(10, 12));
    assertArrayEquals(new int[] {-3, 94}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_values() throws Exception {
    byte[] out = new SingleOpModel(TANH)
        .input(FLOAT32, new int[] {4}, 0f, 0)
        .output(FLOAT32, new int[] {4}, 0f, 0)
        .run(SingleOpModel.float32(0f, 0.5f, -1f, 50f));
    assertArrayEquals(new float[] {0f, 0.46211717f, -0.7615942f, 1f}, SingleOpModel.float32Values(out), 1e-6f);
  }

  @Test
  void int16_refusedAtLoad() {
    SingleOpModel model = new SingleOpModel(TANH)
        .input(INT16, new int[] {2}, 1f / 4096, 0)
        .output(INT16, new int[] {2}, 1f / 32768, 0);
    SingleOpModel.assertRefused(model, "TANH", "input 0 has type INT16");
  }
}
