package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** RELU6: as RELU, with the upper bound {@code out_zp + roundf(6 / out_scale)} (QuantizedReluX). */
class Relu6Test {
  static final int RELU6 = 21;

  @Test
  void int8_doublingRescale_clampsAtQuantizedSix() throws Exception {
    // 1 / 0.5 = 2; bounds [0, round(6 / 0.5) = 12]: [-3, 3, 6, 7, 127] -> [0, 6, 12, 12, 12]
    byte[] out = new SingleOpModel(RELU6)
        .input(INT8, new int[] {5}, 1f, 0)
        .output(INT8, new int[] {5}, 0.5f, 0)
        .run(SingleOpModel.int8(-3, 3, 6, 7, 127));
    assertArrayEquals(new int[] {0, 6, 12, 12, 12}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_outputZeroPointAtBottom() throws Exception {
    // scale 6/255 both sides (identity multiplier); zp -128: bounds [-128, -128 + round(255) = 127]
    // input zp -128 too: values pass unchanged over the whole range
    float s = 6f / 255;
    byte[] out = new SingleOpModel(RELU6)
        .input(INT8, new int[] {3}, s, -128)
        .output(INT8, new int[] {3}, s, -128)
        .run(SingleOpModel.int8(-128, 0, 127));
    assertArrayEquals(new int[] {-128, 0, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_upperBoundRoundsHalfAway() throws Exception {
    // out scale 0.8: 6 / 0.8 = 7.5 -> roundf -> 8; in scale 0.8 (identity): [7, 8, 9, -1] -> [7, 8, 8, 0]
    byte[] out = new SingleOpModel(RELU6)
        .input(INT8, new int[] {4}, 0.8f, 0)
        .output(INT8, new int[] {4}, 0.8f, 0)
        .run(SingleOpModel.int8(7, 8, 9, -1));
    assertArrayEquals(new int[] {7, 8, 8, 0}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_values() throws Exception {
    byte[] out = new SingleOpModel(RELU6)
        .input(FLOAT32, new int[] {4}, 0f, 0)
        .output(FLOAT32, new int[] {4}, 0f, 0)
        .run(SingleOpModel.float32(-1f, 0f, 2.5f, 7f));
    assertArrayEquals(new float[] {0f, 0f, 2.5f, 6f}, SingleOpModel.float32Values(out));
  }

  @Test
  void int16_refusedAtLoad() {
    SingleOpModel model = new SingleOpModel(RELU6)
        .input(INT16, new int[] {2}, 1f, 0)
        .output(INT16, new int[] {2}, 1f, 0);
    SingleOpModel.assertRefused(model, "RELU6", "input 0 has type INT16");
  }
}
