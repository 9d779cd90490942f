package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * QUANTIZE (quantize.cc). From FLOAT32: {@code round(x / scale) + zp}, std::round (half away from
 * zero), clamped. Requantization: MultiplyByQuantizedMultiplier of {@code x - in_zp} by
 * {@code in_scale / out_scale} (double), plus the output zero point, clamped to the output type.
 */
class QuantizeTest {
  static final int QUANTIZE = 114, QUANTIZE_OPTIONS = 89;

  static SingleOpModel quantize() {
    return new SingleOpModel(QUANTIZE, QUANTIZE_OPTIONS, fb -> {
      fb.startTable(0);
      return fb.endTable();
    });
  }

  @Test
  void floatToInt8_roundsHalfAwayFromZero_andSaturates() throws Exception {
    // scale 0.5: x / 0.5 = [0.5, -0.5, 1.5, -1.5, 2, 200, -200] -> [1, -1, 2, -2, 2, 127, -128]
    byte[] out = quantize()
        .input(FLOAT32, new int[] {7}, 0f, 0)
        .output(INT8, new int[] {7}, 0.5f, 0)
        .run(SingleOpModel.float32(0.25f, -0.25f, 0.75f, -0.75f, 1f, 100f, -100f));
    assertArrayEquals(new int[] {1, -1, 2, -2, 2, 127, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void floatToInt8_zeroPointAtBottom() throws Exception {
    // scale 0.5, zp -128: [0, 127.5, -1] -> [0, 255, -2] - 128 = [-128, 127, -130 -> -128]
    byte[] out = quantize()
        .input(FLOAT32, new int[] {3}, 0f, 0)
        .output(INT8, new int[] {3}, 0.5f, -128)
        .run(SingleOpModel.float32(0f, 127.5f, -1f));
    assertArrayEquals(new int[] {-128, 127, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void floatToInt16_saturatesAtInt16Limits() throws Exception {
    // scale 1/4: [8191.875, -9000, 0.125, -0.375] * 4 = [32767.5 -> 32768 -> 32767, -36000 -> -32768, 0.5 -> 1, -1.5 -> -2]
    byte[] out = quantize()
        .input(FLOAT32, new int[] {4}, 0f, 0)
        .output(INT16, new int[] {4}, 0.25f, 0)
        .run(SingleOpModel.float32(8191.875f, -9000f, 0.125f, -0.375f));
    assertArrayEquals(new int[] {32767, -32768, 1, -2}, SingleOpModel.int16Values(out));
  }

  @Test
  void int8ToInt8_halvingScale_gemmlowpRounding() throws Exception {
    // 1 / 2 = 0.5 = 2^30 * 2^-31 (no shift): SRDHM rounds ties up:
    // 3 -> 1.5 -> 2, -3 -> -1.5 -> -1, 5 -> 2.5 -> 3, -5 -> -2.5 -> -2, 127 -> 63.5 -> 64
    byte[] out = quantize()
        .input(INT8, new int[] {5}, 1f, 0)
        .output(INT8, new int[] {5}, 2f, 0)
        .run(SingleOpModel.int8(3, -3, 5, -5, 127));
    assertArrayEquals(new int[] {2, -1, 3, -2, 64}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8ToInt8_doublingScale_zeroPointsAtBottom_saturates() throws Exception {
    // 1 / 0.5 = 2; x - (-128) = [0, 28, 63, 128] -> [0, 56, 126, 256] - 128 = [-128, -72, -2, 128 -> 127]
    byte[] out = quantize()
        .input(INT8, new int[] {4}, 1f, -128)
        .output(INT8, new int[] {4}, 0.5f, -128)
        .run(SingleOpModel.int8(-128, -100, -65, 0));
    assertArrayEquals(new int[] {-128, -72, -2, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int16ToInt8_roundsAwayFromZeroAndSaturates() throws Exception {
    // (1/256) / 0.25 = 1/64 = 2^30 * 2^(-5-31): SRDHM halves exactly for even x, then a rounding shift by 5:
    // [32, -32, 96, -96] / 64 = [0.5, -0.5, 1.5, -1.5] -> [1, -1, 2, -2]; 32767 -> 127; -32768 -> -128
    byte[] out = quantize()
        .input(INT16, new int[] {6}, 1f / 256, 0)
        .output(INT8, new int[] {6}, 0.25f, 0)
        .run(SingleOpModel.int16(32, -32, 96, -96, 32767, -32768));
    assertArrayEquals(new int[] {1, -1, 2, -2, 127, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void int16ToInt32_leavesTheInt16Range() throws Exception {
    // 1 / 0.25 = 4, out zp 5: [32767, -32768, -1] -> [131068, -131072, -4] + 5
    byte[] out = quantize()
        .input(INT16, new int[] {3}, 1f, 0)
        .output(INT32, new int[] {3}, 0.25f, 5)
        .run(SingleOpModel.int16(32767, -32768, -1));
    assertArrayEquals(new int[] {131073, -131067, 1}, SingleOpModel.int32Values(out));
  }

  @Test
  void int8ToInt16() throws Exception {
    // 0.5 / (1/512) = 256; in zp -128: [-128, 127, 0] -> [0, 255, 128] * 256 = [0, 65280 -> 32767, 32768 -> 32767]
    // and -1 -> 127 * 256 = 32512
    byte[] out = quantize()
        .input(INT8, new int[] {4}, 0.5f, -128)
        .output(INT16, new int[] {4}, 1f / 512, 0)
        .run(SingleOpModel.int8(-128, 127, 0, -1));
    assertArrayEquals(new int[] {0, 32767, 32767, 32512}, SingleOpModel.int16Values(out));
  }

  @Test
  void floatToInt32_refusedAtLoad() {
    SingleOpModel model = quantize()
        .input(FLOAT32, new int[] {2}, 0f, 0)
        .output(INT32, new int[] {2}, 1f, 0);
    SingleOpModel.assertRefused(model, "QUANTIZE", "FLOAT32 to INT32");
  }

  @Test
  void int8ToInt32_refusedAtLoad() {
    // quantize.cc Prepare: an INT8 input may requantize to UINT8, INT8 or INT16 only
    SingleOpModel model = quantize()
        .input(INT8, new int[] {2}, 1f, 0)
        .output(INT32, new int[] {2}, 1f, 0);
    SingleOpModel.assertRefused(model, "QUANTIZE", "supported from INT16 only");
  }

  @Test
  void unquantizedOutput_refusedAtLoad() {
    SingleOpModel model = quantize()
        .input(FLOAT32, new int[] {2}, 0f, 0)
        .output(INT8, new int[] {2}, 0f, 0);
    SingleOpModel.assertRefused(model, "QUANTIZE", "the output needs one positive scale");
  }

  @Test
  void int16ToInt16WithNonZeroZeroPoint_refusedAtLoad() {
    // quantize.cc Prepare: INT16 -> INT16 requires input and output zero points of 0
    SingleOpModel model = quantize()
        .input(INT16, new int[] {2}, 1f, 3)
        .output(INT16, new int[] {2}, 0.5f, 0);
    SingleOpModel.assertRefused(model, "QUANTIZE", "zero point");
  }
}
