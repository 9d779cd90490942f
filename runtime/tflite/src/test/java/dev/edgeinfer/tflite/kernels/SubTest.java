package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** SUB: first input minus second, broadcast; INT8 with ADD's rescaling (sub.cc), the difference taken after it. */
class SubTest {
  static final int SUB = 41, SUB_OPTIONS = 28, NONE = 0, RELU = 1, RELU6 = 3;

  static SingleOpModel sub(int activation) {
    return new SingleOpModel(SUB, SUB_OPTIONS, SingleOpModel.byte0(activation));
  }

  @Test
  void int8_saturatesAtBothEnds() throws Exception {
    // scale 1, zp 0: [-128 - 127, 127 - (-128), 5 - 7] = [-255 -> -128, 255 -> 127, -2]
    byte[] out = sub(NONE)
        .input(INT8, new int[] {3}, 1f, 0)
        .input(INT8, new int[] {3}, 1f, 0)
        .output(INT8, new int[] {3}, 1f, 0)
        .run(SingleOpModel.int8(-128, 127, 5), SingleOpModel.int8(127, -128, 7));
    assertArrayEquals(new int[] {-128, 127, -2}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_broadcast1x3Minus2x3_zeroPointsAtEnds_tiesAwayFromZero() throws Exception {
    // a: scale 0.5 zp -128, b: scale 0.5 zp 127, out scale 1 zp 0: out = round(((a + 128) - (b - 127)) / 2)
    // a - zp = [0, 3, 255]. Row 0: b - zp = [0, 0, 0] -> [0, 1.5 -> 2, 127.5 -> 128 -> 127]
    // row 1: b - zp = [-1, -255, 0] -> [1, 258, 255] / 2 -> [0.5 -> 1, 129 -> 127, 127.5 -> 127]
    byte[] out = sub(NONE)
        .input(INT8, new int[] {1, 3}, 0.5f, -128)
        .input(INT8, new int[] {2, 3}, 0.5f, 127)
        .output(INT8, new int[] {2, 3}, 1f, 0)
        .run(SingleOpModel.int8(-128, -125, 127), SingleOpModel.int8(127, 127, 127, 126, -128, 127));
    assertArrayEquals(new int[] {0, 2, 127, 1, 127, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_negativeTies_roundAwayFromZero() throws Exception {
    // scales 0.5 -> 1: [0 - 3, -3 - 0] / 2 = [-1.5, -1.5] -> -2; [1 - 0] / 2 = 0.5 -> 1
    byte[] out = sub(NONE)
        .input(INT8, new int[] {3}, 0.5f, 0)
        .input(INT8, new int[] {3}, 0.5f, 0)
        .output(INT8, new int[] {3}, 1f, 0)
        .run(SingleOpModel.int8(0, -3, 1), SingleOpModel.int8(3, 0, 0));
    assertArrayEquals(new int[] {-2, -2, 1}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_fusedRelu6() throws Exception {
    // scale 0.5 -> 0.5, out zp 0: q = a - b, clamped to [0, round(6 / 0.5) = 12]
    byte[] out = sub(RELU6)
        .input(INT8, new int[] {3}, 0.5f, 0)
        .input(INT8, new int[] {3}, 0.5f, 0)
        .output(INT8, new int[] {3}, 0.5f, 0)
        .run(SingleOpModel.int8(5, -5, 100), SingleOpModel.int8(2, 0, 0));
    assertArrayEquals(new int[] {3, 0, 12}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_scalarMinuend_keepsOperandOrder() throws Exception {
    byte[] out = sub(NONE)
        .input(FLOAT32, new int[] {}, 0f, 0)
        .input(FLOAT32, new int[] {3}, 0f, 0)
        .output(FLOAT32, new int[] {3}, 0f, 0)
        .run(SingleOpModel.float32(10f), SingleOpModel.float32(1f, 20f, -2.5f));
    assertArrayEquals(new float[] {9f, -10f, 12.5f}, SingleOpModel.float32Values(out));
  }

  @Test
  void float_broadcastWithRelu() throws Exception {
    byte[] out = sub(RELU)
        .input(FLOAT32, new int[] {2, 2}, 0f, 0)
        .input(FLOAT32, new int[] {1, 2}, 0f, 0)
        .output(FLOAT32, new int[] {2, 2}, 0f, 0)
        .run(SingleOpModel.float32(1, 2, 3, 4), SingleOpModel.float32(2, 1));
    assertArrayEquals(new float[] {0, 1, 1, 3}, SingleOpModel.float32Values(out));
  }

  @Test
  void outputOfWrongShape_refusedAtLoad() {
    SingleOpModel model = sub(NONE)
        .input(FLOAT32, new int[] {1, 3}, 0f, 0)
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .output(FLOAT32, new int[] {3}, 0f, 0);
    SingleOpModel.assertRefused(model, "SUB", "do not broadcast to the output shape [3]");
  }
}
