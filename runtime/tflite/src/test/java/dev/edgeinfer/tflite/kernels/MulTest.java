package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * MUL: INT8 as mul.cc: {@code out_zp + MultiplyByQuantizedMultiplier((a - zp1) * (b - zp2), M)}
 * with M from {@code s1 * s2 / s_out}. The default build rounds twice (gemmlowp's doubling high
 * multiply, then RoundingDivideByPOT), which the cases below show.
 */
class MulTest {
  static final int MUL = 18, MUL_OPTIONS = 21, NONE = 0, RELU = 1, RELU6 = 3;

  static SingleOpModel mul(int activation) {
    return new SingleOpModel(MUL, MUL_OPTIONS, SingleOpModel.byte0(activation));
  }

  @Test
  void int8_quarterMultiplier_roundsTwice() throws Exception {
    // 0.5 * 0.5 / 1 = 0.25 = 2^30 * 2^(-1 - 31): SRDHM(p, 2^30) = p / 2 rounded (ties up), then a
    // rounding shift by 1 (ties away from zero). p = a * 1:
    // 1: 0.5 -> 1, then 0.5 -> 1 (a single rounding of 0.25 would give 0)
    // 2: 1 -> 0.5 -> 1; 3: 1.5 -> 2 -> 1; 6: 3 -> 1.5 -> 2
    // -2: -1 -> -0.5 -> -1; -6: -3 -> -1.5 -> -2; -1: -0.5 -> 0 (SRDHM's tie goes up) -> 0
    byte[] out = mul(NONE)
        .input(INT8, new int[] {7}, 0.5f, 0)
        .input(INT8, new int[] {}, 0.5f, 0)
        .output(INT8, new int[] {7}, 1f, 0)
        .run(SingleOpModel.int8(1, 2, 3, 6, -2, -6, -1), SingleOpModel.int8(1));
    assertArrayEquals(new int[] {1, 1, 1, 2, -1, -2, 0}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_zeroPointsAtRangeEnds_saturateLowAndHigh() throws Exception {
    // a: zp -128 -> [255, 0, 1]; b (scalar): zp 0, -1; out zp 127: 127 + [-255, 0, -1] = [-128 sat, 127, 126]
    byte[] out = mul(NONE)
        .input(INT8, new int[] {3}, 1f, -128)
        .input(INT8, new int[] {1}, 1f, 0)
        .output(INT8, new int[] {3}, 1f, 127)
        .run(SingleOpModel.int8(127, -128, -127), SingleOpModel.int8(-1));
    assertArrayEquals(new int[] {-128, 127, 126}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_broadcast1x3Times2x3() throws Exception {
    // scale 1 -> 1: plain products; 12 * 11 = 132 saturates, 12 * -11 = -132 saturates
    byte[] out = mul(NONE)
        .input(INT8, new int[] {1, 3}, 1f, 0)
        .input(INT8, new int[] {2, 3}, 1f, 0)
        .output(INT8, new int[] {2, 3}, 1f, 0)
        .run(SingleOpModel.int8(2, -3, 12), SingleOpModel.int8(5, 7, 11, -1, 0, -11));
    assertArrayEquals(new int[] {10, -21, 127, -2, 0, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_fusedRelu6_outputZeroPointAtBottom() throws Exception {
    // 1 * 1 / 0.25 = 4; out zp -128: q = 4p - 128, RELU6 range [-128, -128 + round(6 / 0.25) = -104]
    // p = [1*1, 2*1, 7*1, -1*1] -> [-124, -120, -100 -> -104, -132 -> -128]
    byte[] out = mul(RELU6)
        .input(INT8, new int[] {4}, 1f, 0)
        .input(INT8, new int[] {4}, 1f, 0)
        .output(INT8, new int[] {4}, 0.25f, -128)
        .run(SingleOpModel.int8(1, 2, 7, -1), SingleOpModel.int8(1, 1, 1, 1));
    assertArrayEquals(new int[] {-124, -120, -104, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_fusedRelu_clampsNegativeProducts() throws Exception {
    // scale 1, out zp 3: q = 3 + p clamped below at 3
    byte[] out = mul(RELU)
        .input(INT8, new int[] {2}, 1f, 0)
        .input(INT8, new int[] {2}, 1f, 0)
        .output(INT8, new int[] {2}, 1f, 3)
        .run(SingleOpModel.int8(-4, 4), SingleOpModel.int8(2, 2));
    assertArrayEquals(new int[] {3, 11}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_rank4Broadcast() throws Exception {
    // x [2,1,2,1] = 2a + c + 1, y [1,2,1,3] = 10 (3b + d + 1); out = x * y
    byte[] out = mul(NONE)
        .input(FLOAT32, new int[] {2, 1, 2, 1}, 0f, 0)
        .input(FLOAT32, new int[] {1, 2, 1, 3}, 0f, 0)
        .output(FLOAT32, new int[] {2, 2, 2, 3}, 0f, 0)
        .run(SingleOpModel.float32(1, 2, 3, 4), SingleOpModel.float32(10, 20, 30, 40, 50, 60));
    assertArrayEquals(new float[] {10, 20, 30, 20, 40, 60, 40, 50, 60, 80, 100, 120,
        30, 60, 90, 40, 80, 120, 120, 150, 180, 160, 200, 240}, SingleOpModel.float32Values(out));
  }

  @Test
  void float_relu() throws Exception {
    byte[] out = mul(RELU)
        .input(FLOAT32, new int[] {3}, 0f, 0)
        .input(FLOAT32, new int[] {3}, 0f, 0)
        .output(FLOAT32, new int[] {3}, 0f, 0)
        .run(SingleOpModel.float32(-2f, 1.5f, 3f), SingleOpModel.float32(3f, 2f, -0.5f));
    assertArrayEquals(new float[] {0f, 3f, 0f}, SingleOpModel.float32Values(out));
  }

  @Test
  void shapesThatDoNotBroadcast_refusedAtLoad() {
    SingleOpModel model = mul(NONE)
        .input(INT8, new int[] {2, 3}, 1f, 0)
        .input(INT8, new int[] {2}, 1f, 0)
        .output(INT8, new int[] {2, 3}, 1f, 0);
    SingleOpModel.assertRefused(model, "MUL", "input shapes [2, 3] and [2] do not broadcast");
  }
}
