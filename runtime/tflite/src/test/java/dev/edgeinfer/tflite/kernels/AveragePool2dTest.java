package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** AVERAGE_POOL_2D on hand-checked cases; quantized results in quantized units. */
class AveragePool2dTest {
  static final int SAME = 0, VALID = 1, NONE = 0, RELU6 = 3;

  static SingleOpModel pool(int code, int padding, int stride, int filter, int activation) {
    return new SingleOpModel(code, 5, fb -> {
      fb.startTable(6); // Pool2DOptions
      fb.addFieldByte(0, padding, 0);
      fb.addFieldInt(1, stride, 0);
      fb.addFieldInt(2, stride, 0);
      fb.addFieldInt(3, filter, 0);
      fb.addFieldInt(4, filter, 0);
      fb.addFieldByte(5, activation, 0);
      return fb.endTable();
    });
  }

  @Test
  void int8_averages_roundHalfAwayFromZero() throws Exception {
    // channel 0: (1 + 2 + 0 + 3) / 4 = 1.5 -> 2; channel 1: -1.5 -> -2
    byte[] out = pool(1, VALID, 1, 2, NONE)
        .input(INT8, new int[] {1, 2, 2, 2}, 0.5f, 0).output(INT8, new int[] {1, 1, 1, 2}, 0.5f, 0)
        .run(SingleOpModel.int8(1, -1, 2, -2, 0, 0, 3, -3));
    assertArrayEquals(new int[] {2, -2}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_samePadding_dividesByTapsInside() throws Exception {
    // 3x3 window, stride 1 over 2x2: every window covers all 4 pixels -> (10 + 20 + 30 + 41) / 4 = 25.25
    byte[] out = pool(1, SAME, 1, 3, NONE)
        .input(INT8, new int[] {1, 2, 2, 1}, 1f, -128).output(INT8, new int[] {1, 2, 2, 1}, 1f, -128)
        .run(SingleOpModel.int8(10, 20, 30, 41));
    assertArrayEquals(new int[] {25, 25, 25, 25}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_relu6_clampsWithTheSharedScale() throws Exception {
    byte[] out = pool(1, VALID, 1, 1, RELU6)
        .input(INT8, new int[] {1, 1, 3, 1}, 0.25f, -10).output(INT8, new int[] {1, 1, 3, 1}, 0.25f, -10)
        .run(SingleOpModel.int8(-50, 0, 100));
    assertArrayEquals(new int[] {-10, 0, 14}, SingleOpModel.int8Values(out));
  }

  @Test
  void int16_averages_roundHalfAwayFromZero() throws Exception {
    byte[] out = pool(1, VALID, 2, 2, NONE)
        .input(INT16, new int[] {1, 2, 2, 1}, 1f, 0).output(INT16, new int[] {1, 1, 1, 1}, 1f, 0)
        .run(SingleOpModel.int16(-30000, -30000, -30000, -29998));
    assertArrayEquals(new int[] {-30000}, SingleOpModel.int16Values(out)); // -29999.5 -> -30000
  }

  @Test
  void float_validStride2() throws Exception {
    byte[] out = pool(1, VALID, 2, 2, NONE)
        .input(FLOAT32, new int[] {1, 2, 4, 1}, 0f, 0).output(FLOAT32, new int[] {1, 1, 2, 1}, 0f, 0)
        .run(SingleOpModel.float32(1, 2, 3, 4, 5, 6, 7, 9));
    assertArrayEquals(new float[] {3.5f, 5.75f}, SingleOpModel.float32Values(out));
  }
}
