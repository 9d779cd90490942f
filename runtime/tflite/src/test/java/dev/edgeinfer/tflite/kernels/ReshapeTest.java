package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** RESHAPE: row-major order is unchanged, so the bytes are copied; the quantization travels with them. */
class ReshapeTest {
  static final int RESHAPE = 22, RESHAPE_OPTIONS = 17;

  static SingleOpModel reshape(int... newShape) {
    return new SingleOpModel(RESHAPE, RESHAPE_OPTIONS, fb -> {
      int v = fb.createIntVector(newShape);
      fb.startTable(1); // ReshapeOptions: 0 new_shape
      fb.addFieldOffset(0, v);
      return fb.endTable();
    });
  }

  @Test
  void float_2x3To3x2_keepsRowMajorOrder() throws Exception {
    byte[] out = reshape(3, 2)
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .int32Constant(new int[] {2}, 3, 2)
        .output(FLOAT32, new int[] {3, 2}, 0f, 0)
        .run(SingleOpModel.float32(1, 2, 3, 4, 5, 6));
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, SingleOpModel.float32Values(out));
  }

  @Test
  void int8_minusOneInShape_copiesExtremesUnchanged() throws Exception {
    // shape [-1, 4]: TFLite infers 1; the quantized values are not touched (no requantization)
    byte[] out = reshape(-1, 4)
        .input(INT8, new int[] {2, 2}, 0.5f, -128)
        .int32Constant(new int[] {2}, -1, 4)
        .output(INT8, new int[] {1, 4}, 0.5f, -128)
        .run(SingleOpModel.int8(-128, 127, 0, -1));
    assertArrayEquals(new int[] {-128, 127, 0, -1}, SingleOpModel.int8Values(out));
  }

  @Test
  void int16_withoutShapeInput_usesOutputShape() throws Exception {
    byte[] out = reshape(4)
        .input(INT16, new int[] {1, 2, 2}, 1f, 0)
        .output(INT16, new int[] {4}, 1f, 0)
        .run(SingleOpModel.int16(-32768, 32767, 1, -1));
    assertArrayEquals(new int[] {-32768, 32767, 1, -1}, SingleOpModel.int16Values(out));
  }

  @Test
  void elementCountDiffers_refusedAtLoad() {
    SingleOpModel model = reshape(2, 2)
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .int32Constant(new int[] {2}, 2, 2)
        .output(FLOAT32, new int[] {2, 2}, 0f, 0);
    SingleOpModel.assertRefused(model, "RESHAPE", "input has 6 elements but output has 4");
  }

  @Test
  void typeDiffers_refusedAtLoad() {
    SingleOpModel model = reshape(6)
        .input(INT8, new int[] {2, 3}, 1f, 0)
        .output(FLOAT32, new int[] {6}, 0f, 0);
    SingleOpModel.assertRefused(model, "RESHAPE", "input is INT8 but output is FLOAT32");
  }
}
