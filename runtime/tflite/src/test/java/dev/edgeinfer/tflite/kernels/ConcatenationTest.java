package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * CONCATENATION: blocks of each input per outer index. TFLite's INT8 kernel needs every input to
 * share the output's scale and zero point (concatenation.cc Prepare) and copies values unchanged.
 */
class ConcatenationTest {
  static final int CONCATENATION = 2, CONCATENATION_OPTIONS = 10;

  static SingleOpModel concat(int axis, int activation) {
    return new SingleOpModel(CONCATENATION, CONCATENATION_OPTIONS, fb -> {
      fb.startTable(2); // ConcatenationOptions: 0 axis, 1 fused_activation_function
      fb.addFieldInt(0, axis, 0);
      fb.addFieldByte(1, activation, 0);
      return fb.endTable();
    });
  }

  @Test
  void int8_lastAxisNegative_interleavesRows() throws Exception {
    // [2, 1] ++ [2, 2] along -1: row r is a[r], b[r][0], b[r][1]
    byte[] out = concat(-1, 0)
        .input(INT8, new int[] {2, 1}, 0.5f, -128)
        .input(INT8, new int[] {2, 2}, 0.5f, -128)
        .output(INT8, new int[] {2, 3}, 0.5f, -128)
        .run(SingleOpModel.int8(-128, 127), SingleOpModel.int8(1, 2, -3, -4));
    assertArrayEquals(new int[] {-128, 1, 2, 127, -3, -4}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_firstAxis_appendsRows() throws Exception {
    byte[] out = concat(0, 0)
        .input(FLOAT32, new int[] {1, 2}, 0f, 0)
        .input(FLOAT32, new int[] {2, 2}, 0f, 0)
        .output(FLOAT32, new int[] {3, 2}, 0f, 0)
        .run(SingleOpModel.float32(1, 2), SingleOpModel.float32(3, 4, 5, 6));
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, SingleOpModel.float32Values(out));
  }

  @Test
  void int16_middleAxisOfThreeInputs_withConstant() throws Exception {
    // [2, 1, 1] ++ const [2, 1, 1] along 1 -> [2, 2, 1]: a0 c0 a1 c1
    byte[] out = concat(1, 0)
        .input(INT16, new int[] {2, 1, 1}, 1f, 0)
        .constant(INT16, new int[] {2, 1, 1}, SingleOpModel.int16(7, -7), 1f, 0)
        .output(INT16, new int[] {2, 2, 1}, 1f, 0)
        .run(SingleOpModel.int16(-32768, 32767));
    assertArrayEquals(new int[] {-32768, 7, 32767, -7}, SingleOpModel.int16Values(out));
  }

  @Test
  void int8_inputScaleDiffersFromOutput_refusedAtLoad() {
    SingleOpModel model = concat(0, 0)
        .input(INT8, new int[] {1, 2}, 0.5f, 0)
        .input(INT8, new int[] {1, 2}, 0.25f, 0)
        .output(INT8, new int[] {2, 2}, 0.5f, 0);
    SingleOpModel.assertRefused(model, "CONCATENATION", "input 1 is quantized differently from the output");
  }

  @Test
  void int8_inputZeroPointDiffersFromOutput_refusedAtLoad() {
    SingleOpModel model = concat(0, 0)
        .input(INT8, new int[] {1, 2}, 0.5f, -128)
        .input(INT8, new int[] {1, 2}, 0.5f, 0)
        .output(INT8, new int[] {2, 2}, 0.5f, 0);
    SingleOpModel.assertRefused(model, "CONCATENATION", "input 0 is quantized differently from the output");
  }

  @Test
  void fusedActivation_refusedAtLoad() {
    // TFLite requires kTfLiteActNone on CONCATENATION
    SingleOpModel model = concat(0, 1)
        .input(FLOAT32, new int[] {1, 2}, 0f, 0)
        .input(FLOAT32, new int[] {1, 2}, 0f, 0)
        .output(FLOAT32, new int[] {2, 2}, 0f, 0);
    SingleOpModel.assertRefused(model, "CONCATENATION", "fused activation");
  }

  @Test
  void axisSizesDoNotAddUp_refusedAtLoad() {
    SingleOpModel model = concat(1, 0)
        .input(FLOAT32, new int[] {1, 2}, 0f, 0)
        .input(FLOAT32, new int[] {1, 2}, 0f, 0)
        .output(FLOAT32, new int[] {1, 5}, 0f, 0);
    SingleOpModel.assertRefused(model, "CONCATENATION", "add up to 4 along the axis, the output has 5");
  }
}
