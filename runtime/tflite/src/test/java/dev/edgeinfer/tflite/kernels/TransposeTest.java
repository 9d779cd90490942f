package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** TRANSPOSE: output dimension i walks input dimension perm[i]; any element type, up to rank 6. */
class TransposeTest {
  static final int TRANSPOSE = 39, TRANSPOSE_OPTIONS = 26;

  static SingleOpModel transpose() {
    return new SingleOpModel(TRANSPOSE, TRANSPOSE_OPTIONS, fb -> {
      fb.startTable(0);
      return fb.endTable();
    });
  }

  @Test
  void int8_rank4_nhwcToNchw() throws Exception {
    // input [1, 2, 3, 2] holds its flat index h*6 + w*2 + c; output [1, 2, 2, 3] is (c, h, w) order:
    // c = 0: 0 2 4 / 6 8 10, c = 1: 1 3 5 / 7 9 11
    byte[] out = transpose()
        .input(INT8, new int[] {1, 2, 3, 2}, 0.5f, -3)
        .int32Constant(new int[] {4}, 0, 3, 1, 2)
        .output(INT8, new int[] {1, 2, 2, 3}, 0.5f, -3)
        .run(SingleOpModel.int8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_rank6_reversedPermutation() throws Exception {
    // input [2, 1, 1, 2, 1, 2], element (a, 0, 0, b, 0, c) = 4a + 2b + c; perm 5..0 gives output
    // [2, 1, 2, 1, 1, 2] whose element (c, 0, b, 0, 0, a) is that value: the bit reversal of 0..7
    byte[] out = transpose()
        .input(FLOAT32, new int[] {2, 1, 1, 2, 1, 2}, 0f, 0)
        .int32Constant(new int[] {6}, 5, 4, 3, 2, 1, 0)
        .output(FLOAT32, new int[] {2, 1, 2, 1, 1, 2}, 0f, 0)
        .run(SingleOpModel.float32(0, 1, 2, 3, 4, 5, 6, 7));
    assertArrayEquals(new float[] {0, 4, 2, 6, 1, 5, 3, 7}, SingleOpModel.float32Values(out));
  }

  @Test
  void float_rank2_matrixTranspose() throws Exception {
    byte[] out = transpose()
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .int32Constant(new int[] {2}, 1, 0)
        .output(FLOAT32, new int[] {3, 2}, 0f, 0)
        .run(SingleOpModel.float32(1, 2, 3, 4, 5, 6));
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, SingleOpModel.float32Values(out));
  }

  @Test
  void repeatedAxis_refusedAtLoad() {
    SingleOpModel model = transpose()
        .input(FLOAT32, new int[] {2, 2}, 0f, 0)
        .int32Constant(new int[] {2}, 0, 0)
        .output(FLOAT32, new int[] {2, 2}, 0f, 0);
    SingleOpModel.assertRefused(model, "TRANSPOSE", "not a permutation");
  }

  @Test
  void outputShapeNotPermuted_refusedAtLoad() {
    SingleOpModel model = transpose()
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .int32Constant(new int[] {2}, 1, 0)
        .output(FLOAT32, new int[] {2, 3}, 0f, 0);
    SingleOpModel.assertRefused(model, "TRANSPOSE", "output shape does not match");
  }

  @Test
  void rank7_refusedAtLoad() {
    // TFLite's transpose supports up to 6 dimensions
    SingleOpModel model = transpose()
        .input(FLOAT32, new int[] {1, 1, 1, 1, 1, 1, 2}, 0f, 0)
        .int32Constant(new int[] {7}, 0, 1, 2, 3, 4, 5, 6)
        .output(FLOAT32, new int[] {1, 1, 1, 1, 1, 1, 2}, 0f, 0);
    SingleOpModel.assertRefused(model, "TRANSPOSE", "rank 7 is above 6");
  }
}
