package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT64;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import org.junit.jupiter.api.Test;

/** FULLY_CONNECTED on hand-checked cases; quantized results in quantized units. */
class FullyConnectedTest {
  static final int NONE = 0, RELU = 1, RELU_N1_TO_1 = 2;

  static SingleOpModel fc(int activation) {
    return new SingleOpModel(9, 8, fb -> {
      fb.startTable(4); // FullyConnectedOptions
      fb.addFieldByte(0, activation, 0);
      return fb.endTable();
    });
  }

  @Test
  void int8_inputZeroPointAtRangeEnd_matchesByHand() throws Exception {
    // input - zp = [0, 128, 255]; effective scale 0.5 * 0.5 / 1 = 0.25
    byte[] out = fc(NONE)
        .input(INT8, new int[] {1, 3}, 0.5f, -128)
        .constant(INT8, new int[] {3, 3}, SingleOpModel.int8(1, 1, 1, -1, 0, 1, 0, 0, 2), new float[] {0.5f}, 0)
        .constant(INT32, new int[] {3}, SingleOpModel.int32(0, -2, 2), new float[] {0.25f}, 0)
        .output(INT8, new int[] {1, 3}, 1f, 0)
        .run(SingleOpModel.int8(-128, 0, 127));
    // 383 * 0.25 = 95.75 -> 96; 512 * 0.25 = 128 saturates at 127; 253 * 0.25 = 63.25 gives 64:
    // the doubling high multiply rounds 253 / 2 up to 127, then the shift rounds 63.5 up (TFLite x86)
    assertArrayEquals(new int[] {96, 64, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_reluN1To1_clampsToQuantizedPlusMinusOne() throws Exception {
    // output scale 0.25, zero point 3: RELU_N1_TO_1 range [3 - 4, 3 + 4]
    byte[] out = fc(RELU_N1_TO_1)
        .input(INT8, new int[] {2, 1}, 1f, 0)
        .constant(INT8, new int[] {1, 1}, SingleOpModel.int8(1), new float[] {1f}, 0)
        .omitted()
        .output(INT8, new int[] {2, 1}, 0.25f, 3)
        .run(SingleOpModel.int8(100, -100));
    assertArrayEquals(new int[] {7, -1}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_perChannelWeights_useOneScalePerOutput() throws Exception {
    byte[] out = fc(NONE)
        .input(INT8, new int[] {1, 2}, 1f, 0)
        .constant(INT8, new int[] {2, 2}, SingleOpModel.int8(1, 1, 1, 1), new float[] {1f, 0.25f}, 0)
        .omitted()
        .output(INT8, new int[] {1, 2}, 1f, 0)
        .run(SingleOpModel.int8(10, 20));
    assertArrayEquals(new int[] {30, 8}, SingleOpModel.int8Values(out)); // 7.5 rounds half up
  }

  @Test
  void float_batchesAndRelu_flattenInputByDepth() throws Exception {
    byte[] out = fc(RELU)
        .input(FLOAT32, new int[] {2, 1, 2}, 0f, 0)
        .constant(FLOAT32, new int[] {1, 2}, SingleOpModel.float32(1f, -1f), new float[0], 0)
        .constant(FLOAT32, new int[] {1}, SingleOpModel.float32(0.5f), new float[0], 0)
        .output(FLOAT32, new int[] {2, 1}, 0f, 0)
        .run(SingleOpModel.float32(3f, 1f, 1f, 3f));
    assertArrayEquals(new float[] {2.5f, 0f}, SingleOpModel.float32Values(out));
  }

  @Test
  void int16_int64Bias_uses64BitAccumulator() throws Exception {
    // 32767 * 127 * 2 + 2^40 overflows int32; * 2^-12 -> 268435456 + 2031.6 -> saturates at 32767
    byte[] out = fc(NONE)
        .input(INT16, new int[] {1, 2}, 1f, 0)
        .constant(INT8, new int[] {2, 2}, SingleOpModel.int8(127, 127, -1, 0), new float[] {1f / 4096}, 0)
        .constant(INT64, new int[] {2}, SingleOpModel.int64(1L << 40, 0), new float[] {1f / 4096}, 0)
        .output(INT16, new int[] {1, 2}, 1f, 0)
        .run(SingleOpModel.int16(32767, 32767));
    // second output: -32767 / 4096 = -7.99975... -> -8
    assertArrayEquals(new int[] {32767, -8}, SingleOpModel.int16Values(out));
  }

  @Test
  void prepare_inputNotAMultipleOfDepth_failsAtLoad() {
    SingleOpModel model = fc(NONE)
        .input(FLOAT32, new int[] {1, 3}, 0f, 0)
        .constant(FLOAT32, new int[] {1, 2}, SingleOpModel.float32(1f, 1f), new float[0], 0)
        .omitted()
        .output(FLOAT32, new int[] {1, 1}, 0f, 0);
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class, model::load);
    assertTrue(e.getMessage().contains("not a multiple"), e.getMessage());
  }
}
