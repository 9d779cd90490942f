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

/** CONV_2D on hand-checked cases; quantized results in quantized units. */
class Conv2dTest {
  static final int SAME = 0, VALID = 1, NONE = 0, RELU = 1, RELU6 = 3;

  static SingleOpModel conv(int padding, int stride, int activation, int dilation) {
    return new SingleOpModel(3, 1, fb -> {
      fb.startTable(6); // Conv2DOptions
      fb.addFieldByte(0, padding, 0);
      fb.addFieldInt(1, stride, 0);
      fb.addFieldInt(2, stride, 0);
      fb.addFieldByte(3, activation, 0);
      fb.addFieldInt(4, dilation, 1);
      fb.addFieldInt(5, dilation, 1);
      return fb.endTable();
    });
  }

  @Test
  void int8_perChannelScalesAndInputZeroPointAtRangeEnd_roundTiesHalfUp() throws Exception {
    // input - zp = [0, 1, 2, 255]; channel 0: 2x * 0.125, channel 1: (-x + 10) * 0.5
    byte[] out = conv(VALID, 1, NONE, 1)
        .input(INT8, new int[] {1, 2, 2, 1}, 0.5f, -128)
        .constant(INT8, new int[] {2, 1, 1, 1}, SingleOpModel.int8(2, -1), new float[] {0.25f, 1f}, 0)
        .constant(INT32, new int[] {2}, SingleOpModel.int32(0, 10), new float[] {0.125f, 0.5f}, 0)
        .output(INT8, new int[] {1, 2, 2, 2}, 1f, 0)
        .run(SingleOpModel.int8(-128, -127, -126, 127));
    // 0.25 -> 0, 0.5 -> 1, 63.75 -> 64; 4.5 -> 5 and -122.5 -> -122 (half up, as TFLite's x86 conv)
    assertArrayEquals(new int[] {0, 5, 0, 5, 1, 4, 64, -122}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_relu6AndSaturation_clampInQuantizedUnits() throws Exception {
    // output scale 0.1, zero point -128: RELU6 keeps [-128, -68]; 1x1 conv, weight 1, scale 1
    byte[] out = conv(VALID, 1, RELU6, 1)
        .input(INT8, new int[] {1, 1, 1, 3}, 1f, 0)
        .constant(INT8, new int[] {1, 1, 1, 3}, SingleOpModel.int8(1, 0, 0), new float[] {1f}, 0)
        .omitted()
        .output(INT8, new int[] {1, 1, 1, 1}, 0.1f, -128)
        .run(SingleOpModel.int8(127, 5, 5));
    assertArrayEquals(new int[] {-68}, SingleOpModel.int8Values(out));
    byte[] low = conv(VALID, 1, NONE, 1)
        .input(INT8, new int[] {1, 1, 1, 1}, 1f, 0)
        .constant(INT8, new int[] {1, 1, 1, 1}, SingleOpModel.int8(-127), new float[] {1f}, 0)
        .omitted()
        .output(INT8, new int[] {1, 1, 1, 1}, 1f, 0)
        .run(SingleOpModel.int8(127));
    assertArrayEquals(new int[] {-128}, SingleOpModel.int8Values(low));
  }

  @Test
  void float_sameStride2_padsAtTheEndAndSkipsOutsideTaps() throws Exception {
    float[] in = new float[16];
    for (int i = 0; i < 16; i++) {
      in[i] = i + 1;
    }
    float[] ones = new float[9];
    java.util.Arrays.fill(ones, 1f);
    byte[] out = conv(SAME, 2, RELU, 1)
        .input(FLOAT32, new int[] {1, 4, 4, 1}, 0f, 0)
        .constant(FLOAT32, new int[] {1, 3, 3, 1}, SingleOpModel.float32(ones), new float[0], 0)
        .constant(FLOAT32, new int[] {1}, SingleOpModel.float32(-50f), new float[0], 0)
        .output(FLOAT32, new int[] {1, 2, 2, 1}, 0f, 0)
        .run(SingleOpModel.float32(in));
    // window sums 54, 45, 72, 54 (total padding 1, all of it after the last row and column)
    assertArrayEquals(new float[] {4f, 0f, 22f, 4f}, SingleOpModel.float32Values(out));
  }

  @Test
  void float_validDilation2_readsEveryOtherPixel() throws Exception {
    byte[] out = conv(VALID, 1, NONE, 2)
        .input(FLOAT32, new int[] {1, 3, 3, 1}, 0f, 0)
        .constant(FLOAT32, new int[] {1, 2, 2, 1}, SingleOpModel.float32(1f, 10f, 100f, 1000f), new float[0], 0)
        .omitted()
        .output(FLOAT32, new int[] {1, 1, 1, 1}, 0f, 0)
        .run(SingleOpModel.float32(1, 2, 3, 4, 5, 6, 7, 8, 9));
    assertArrayEquals(new float[] {1f + 30f + 700f + 9000f}, SingleOpModel.float32Values(out));
  }

  @Test
  void int16_int64Bias_roundsOnceHalfUp() throws Exception {
    // acc = 3 * 1000 + 5 * -2000 + 1 = -6999; * 0.5 = -3499.5 -> -3499
    byte[] out = conv(VALID, 1, NONE, 1)
        .input(INT16, new int[] {1, 1, 1, 2}, 1f, 0)
        .constant(INT8, new int[] {1, 1, 1, 2}, SingleOpModel.int8(3, 5), new float[] {0.5f}, 0)
        .constant(INT64, new int[] {1}, SingleOpModel.int64(1), new float[] {0.5f}, 0)
        .output(INT16, new int[] {1, 1, 1, 1}, 1f, 0)
        .run(SingleOpModel.int16(1000, -2000));
    assertArrayEquals(new int[] {-3499}, SingleOpModel.int16Values(out));
  }

  @Test
  void prepare_outputShapeThatPaddingCannotGive_failsAtLoad() {
    SingleOpModel model = conv(VALID, 1, NONE, 1)
        .input(FLOAT32, new int[] {1, 4, 4, 1}, 0f, 0)
        .constant(FLOAT32, new int[] {1, 3, 3, 1}, SingleOpModel.float32(new float[9]), new float[0], 0)
        .omitted()
        .output(FLOAT32, new int[] {1, 4, 4, 1}, 0f, 0);
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class, model::load);
    assertTrue(e.getMessage().contains("does not match [1, 2, 2, 1]"), e.getMessage());
  }
}
