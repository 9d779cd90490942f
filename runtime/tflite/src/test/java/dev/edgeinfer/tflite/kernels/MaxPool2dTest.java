package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.AveragePool2dTest.pool;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import org.junit.jupiter.api.Test;

/** MAX_POOL_2D on hand-checked cases; quantized results in quantized units. */
class MaxPool2dTest {
  static final int MAX_POOL = 17, SAME = 0, VALID = 1, NONE = 0, RELU = 1;

  @Test
  void int8_samePaddingStride2_ignoresOutsideTaps() throws Exception {
    // 3x3 input, 2x2 window, stride 2, SAME: output 2x2, windows cut at the right and bottom edges
    byte[] out = pool(MAX_POOL, SAME, 2, 2, NONE)
        .input(INT8, new int[] {1, 3, 3, 1}, 1f, 0).output(INT8, new int[] {1, 2, 2, 1}, 1f, 0)
        .run(SingleOpModel.int8(-128, -100, -90, -120, -110, -80, -70, -60, -128));
    assertArrayEquals(new int[] {-100, -80, -60, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_relu_clampsAtTheZeroPoint() throws Exception {
    byte[] out = pool(MAX_POOL, VALID, 1, 1, RELU)
        .input(INT8, new int[] {1, 1, 2, 1}, 1f, 5).output(INT8, new int[] {1, 1, 2, 1}, 1f, 5)
        .run(SingleOpModel.int8(-128, 127));
    assertArrayEquals(new int[] {5, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int16_and_float_takeTheMaximum() throws Exception {
    byte[] q = pool(MAX_POOL, VALID, 1, 2, NONE)
        .input(INT16, new int[] {1, 2, 2, 1}, 1f, 0).output(INT16, new int[] {1, 1, 1, 1}, 1f, 0)
        .run(SingleOpModel.int16(-32768, -5, -7, -32768));
    assertArrayEquals(new int[] {-5}, SingleOpModel.int16Values(q));
    byte[] f = pool(MAX_POOL, VALID, 1, 2, NONE)
        .input(FLOAT32, new int[] {1, 2, 2, 1}, 0f, 0).output(FLOAT32, new int[] {1, 1, 1, 1}, 0f, 0)
        .run(SingleOpModel.float32(-3f, -1.5f, -2f, -4f));
    assertArrayEquals(new float[] {-1.5f}, SingleOpModel.float32Values(f));
  }

  @Test
  void prepare_differentInputAndOutputQuantization_failsAtLoad() {
    SingleOpModel model = pool(MAX_POOL, VALID, 1, 1, NONE)
        .input(INT8, new int[] {1, 1, 1, 1}, 1f, 0).output(INT8, new int[] {1, 1, 1, 1}, 0.5f, 0);
    assertThrows(UnsupportedModelException.class, model::load);
  }
}
