package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** EXPAND_DIMS: inserts a size-1 dimension at the (constant) axis; the data is copied unchanged. */
class ExpandDimsTest {
  static final int EXPAND_DIMS = 70, EXPAND_DIMS_OPTIONS = 52;

  static SingleOpModel expandDims() {
    return new SingleOpModel(EXPAND_DIMS, EXPAND_DIMS_OPTIONS, fb -> {
      fb.startTable(0);
      return fb.endTable();
    });
  }

  @Test
  void float_axis0() throws Exception {
    byte[] out = expandDims()
        .input(FLOAT32, new int[] {3}, 0f, 0)
        .int32Constant(new int[] {1}, 0)
        .output(FLOAT32, new int[] {1, 3}, 0f, 0)
        .run(SingleOpModel.float32(1f, -2f, 3.5f));
    assertArrayEquals(new float[] {1f, -2f, 3.5f}, SingleOpModel.float32Values(out));
  }

  @Test
  void int8_negativeAxis_appendsDimension() throws Exception {
    // axis -1 on rank 2 inserts at position 2: [2, 2] -> [2, 2, 1]
    byte[] out = expandDims()
        .input(INT8, new int[] {2, 2}, 0.5f, -128)
        .int32Constant(new int[] {1}, -1)
        .output(INT8, new int[] {2, 2, 1}, 0.5f, -128)
        .run(SingleOpModel.int8(-128, 127, -1, 0));
    assertArrayEquals(new int[] {-128, 127, -1, 0}, SingleOpModel.int8Values(out));
  }

  @Test
  void int16_limitsKept() throws Exception {
    byte[] out = expandDims()
        .input(INT16, new int[] {2}, 1f, 0)
        .int32Constant(new int[] {1}, 1)
        .output(INT16, new int[] {2, 1}, 1f, 0)
        .run(SingleOpModel.int16(-32768, 32767));
    assertArrayEquals(new int[] {-32768, 32767}, SingleOpModel.int16Values(out));
  }

  @Test
  void elementCountDiffers_refusedAtLoad() {
    SingleOpModel model = expandDims()
        .input(FLOAT32, new int[] {3}, 0f, 0)
        .int32Constant(new int[] {1}, 0)
        .output(FLOAT32, new int[] {1, 4}, 0f, 0);
    SingleOpModel.assertRefused(model, "EXPAND_DIMS", "input has 3 elements but output has 4");
  }
}
