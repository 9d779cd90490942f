package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT64;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** DEPTHWISE_CONV_2D on hand-checked cases; quantized results in quantized units. */
class DepthwiseConv2dTest {
  static final int SAME = 0, VALID = 1, NONE = 0, RELU6 = 3;

  static SingleOpModel depthwise(int padding, int stride, int activation) {
    return new SingleOpModel(4, 2, fb -> {
      fb.startTable(7); // DepthwiseConv2DOptions
      fb.addFieldByte(0, padding, 0);
      fb.addFieldInt(1, stride, 0);
      fb.addFieldInt(2, stride, 0);
      fb.addFieldInt(3, 1, 0);
      fb.addFieldByte(4, activation, 0);
      return fb.endTable();
    });
  }

  @Test
  void int8_perChannelAlongDimension3_roundsAsGemmlowp() throws Exception {
    // channel 0: 20 * -1 * 0.125 = -2.5: the doubling high multiply gives -10 exactly, the
    // rounding shift sends the tie away from zero -> -3; channel 1: 245 * -1 * 0.5 = -122.5 with
    // no shift: the doubling high multiply sends the tie up -> -122
    byte[] out = depthwise(VALID, 1, NONE)
        .input(INT8, new int[] {1, 1, 1, 2}, 0.5f, -128)
        .constant(INT8, new int[] {1, 1, 1, 2}, SingleOpModel.int8(-1, -1), new float[] {0.25f, 1f}, 3)
        .omitted()
        .output(INT8, new int[] {1, 1, 1, 2}, 1f, 0)
        .run(SingleOpModel.int8(20 - 128, 245 - 128));
    assertArrayEquals(new int[] {-3, -122}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_samePaddingWithInputZeroPoint_skipsOutsideTaps() throws Exception {
    // every input is real 1 (q 11, zero point 10); each output counts the taps inside the image
    byte[] nine = new byte[9];
    java.util.Arrays.fill(nine, (byte) 1);
    byte[] in = new byte[9];
    java.util.Arrays.fill(in, (byte) 11);
    byte[] out = depthwise(SAME, 1, NONE)
        .input(INT8, new int[] {1, 3, 3, 1}, 1f, 10)
        .constant(INT8, new int[] {1, 3, 3, 1}, nine, new float[] {1f}, 3)
        .omitted()
        .output(INT8, new int[] {1, 3, 3, 1}, 1f, -5)
        .run(in);
    assertArrayEquals(new int[] {-1, 1, -1, 1, 4, 1, -1, 1, -1}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_relu6WithStride2_clampsAtQuantizedSix() throws Exception {
    // output scale 0.5, zero point 0: RELU6 range [0, 12]; stride 2 picks pixels 0 and 2
    byte[] out = depthwise(VALID, 2, RELU6)
        .input(INT8, new int[] {1, 1, 3, 1}, 1f, 0)
        .constant(INT8, new int[] {1, 1, 1, 1}, SingleOpModel.int8(1), new float[] {1f}, 3)
        .omitted()
        .output(INT8, new int[] {1, 1, 2, 1}, 0.5f, 0)
        .run(SingleOpModel.int8(-3, 100, 100));
    assertArrayEquals(new int[] {0, 12}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_depthMultiplier2_ordersOutputChannelsByInputChannel() throws Exception {
    byte[] out = depthwise(VALID, 1, NONE)
        .input(FLOAT32, new int[] {1, 1, 1, 2}, 0f, 0)
        .constant(FLOAT32, new int[] {1, 1, 1, 4}, SingleOpModel.float32(1, 2, 3, 4), new float[0], 3)
        .constant(FLOAT32, new int[] {4}, SingleOpModel.float32(0.5f, 0, 0, 0), new float[0], 0)
        .output(FLOAT32, new int[] {1, 1, 1, 4}, 0f, 0)
        .run(SingleOpModel.float32(1, 2));
    assertArrayEquals(new float[] {1.5f, 2f, 6f, 8f}, SingleOpModel.float32Values(out));
  }

  @Test
  void int8_depthMultiplier2_matchesByHand() throws Exception {
    byte[] out = depthwise(VALID, 1, NONE)
        .input(INT8, new int[] {1, 1, 1, 2}, 1f, 1)
        .constant(INT8, new int[] {1, 1, 1, 4}, SingleOpModel.int8(1, 2, 3, -4), new float[] {1f}, 3)
        .omitted()
        .output(INT8, new int[] {1, 1, 1, 4}, 1f, 0)
        .run(SingleOpModel.int8(3, 6));
    assertArrayEquals(new int[] {2, 4, 15, -20}, SingleOpModel.int8Values(out));
  }

  @Test
  void int16_int64Bias_roundsOnceHalfUp() throws Exception {
    // (-7 * 1 + 0) * 0.5 = -3.5 -> -3
    byte[] out = depthwise(VALID, 1, NONE)
        .input(INT16, new int[] {1, 1, 1, 1}, 1f, 0)
        .constant(INT8, new int[] {1, 1, 1, 1}, SingleOpModel.int8(1), new float[] {0.5f}, 3)
        .constant(INT64, new int[] {1}, SingleOpModel.int64(0), new float[] {0.5f}, 0)
        .output(INT16, new int[] {1, 1, 1, 1}, 1f, 0)
        .run(SingleOpModel.int16(-7));
    assertArrayEquals(new int[] {-3}, SingleOpModel.int16Values(out));
  }
}
