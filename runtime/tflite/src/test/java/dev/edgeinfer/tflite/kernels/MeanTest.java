package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * MEAN. reduce.cc EvalMean (kGenericOptimized) sends a 4-D INT8 input with keep_dims over axes
 * {1, 2} to optimized_integer_ops::Mean: raw sum times the multiplier of
 * {@code in_scale / (count * out_scale)} plus {@code out_zp - (int)(in_zp * in_scale / out_scale ± 0.5)};
 * everything else to reference_ops::QuantizedMeanOrSum: {@code sum - in_zp * count} times the
 * in/out multiplier with 1/count folded into its mantissa, plus the output zero point.
 */
class MeanTest {
  static final int MEAN = 40, REDUCER_OPTIONS = 27;

  static SingleOpModel mean(boolean keepDims) {
    return new SingleOpModel(MEAN, REDUCER_OPTIONS, SingleOpModel.byte0(keepDims ? 1 : 0));
  }

  // [1, 2, 2, 2]: channel 0 = [-128, -128, 127, 127], channel 1 = [10, 20, 30, 41]
  static final byte[] IMAGE = SingleOpModel.int8(-128, 10, -128, 20, 127, 30, 127, 41);

  @Test
  void int8_axes12KeepDims_optimizedPath() throws Exception {
    // scales 0.5, zp -128 both: bias = -128 - (int)(-128 - 0.5) = 0; multiplier 0.5 / (4 * 0.5) = 0.25
    // = 2^30 * 2^(-1-31). ch 0: sum -2 -> SRDHM(-2, 2^30) = -1 -> shift 1: -0.5 -> -1 (away from zero)
    // ch 1: sum 101 -> SRDHM = 50.5 -> 51 -> 25.5 -> 26 (double rounding of 25.25)
    byte[] out = mean(true)
        .input(INT8, new int[] {1, 2, 2, 2}, 0.5f, -128)
        .int32Constant(new int[] {2}, 1, 2)
        .output(INT8, new int[] {1, 1, 1, 2}, 0.5f, -128)
        .run(IMAGE);
    assertArrayEquals(new int[] {-1, 26}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_axes21KeepDims_sameOptimizedPath() throws Exception {
    byte[] out = mean(true)
        .input(INT8, new int[] {1, 2, 2, 2}, 0.5f, -128)
        .int32Constant(new int[] {2}, 2, 1)
        .output(INT8, new int[] {1, 1, 1, 2}, 0.5f, -128)
        .run(IMAGE);
    assertArrayEquals(new int[] {-1, 26}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_axes12WithoutKeepDims_referencePath() throws Exception {
    // in/out = 1 -> 2^30 * 2^(1-31); count 4: shift 2, multiplier 2^32 / 4 = 2^30, exponent -1
    // ch 0: -2 + 128 * 4 = 510 -> 255 -> 127.5 -> 128, - 128 = 0 (the optimized path gave -1)
    // ch 1: 101 + 512 = 613 -> SRDHM 306.5 -> 307 -> 153.5 -> 154, - 128 = 26
    byte[] out = mean(false)
        .input(INT8, new int[] {1, 2, 2, 2}, 0.5f, -128)
        .int32Constant(new int[] {2}, 1, 2)
        .output(INT8, new int[] {1, 2}, 0.5f, -128)
        .run(IMAGE);
    assertArrayEquals(new int[] {0, 26}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_oneNegativeAxisWithoutKeepDims_saturates() throws Exception {
    // [3, 3] over axis -1, in scale 0.5 zp 0, out scale 0.25 zp 10: in/out = 2 = 2^30 * 2^(2-31);
    // count 3: shift 1, multiplier floor(2^31 / 3) = 715827882, exponent 1 (about 2/3 per unit of sum)
    // sums 7, -151, 381 -> 4.67 -> 5, -100.67 -> -101, 254 -> +10 = [15, -91, 264 -> 127]
    byte[] out = mean(false)
        .input(INT8, new int[] {3, 3}, 0.5f, 0)
        .int32Constant(new int[] {1}, -1)
        .output(INT8, new int[] {3}, 0.25f, 10)
        .run(SingleOpModel.int8(1, 2, 4, -100, -50, -1, 127, 127, 127));
    assertArrayEquals(new int[] {15, -91, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_saturatesLow() throws Exception {
    // [2] over axis 0, scale 1 -> 0.25, zp 0: mean -128 -> -512 -> -128
    byte[] out = mean(false)
        .input(INT8, new int[] {2}, 1f, 0)
        .int32Constant(new int[] {1}, 0)
        .output(INT8, new int[] {}, 0.25f, 0)
        .run(SingleOpModel.int8(-128, -128));
    assertArrayEquals(new int[] {-128}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_axes12KeepDims() throws Exception {
    byte[] out = mean(true)
        .input(FLOAT32, new int[] {1, 2, 2, 2}, 0f, 0)
        .int32Constant(new int[] {2}, 1, 2)
        .output(FLOAT32, new int[] {1, 1, 1, 2}, 0f, 0)
        .run(SingleOpModel.float32(1, -1, 2, -2, 3, -3, 6, -4));
    assertArrayEquals(new float[] {3f, -2.5f}, SingleOpModel.float32Values(out));
  }

  @Test
  void float_oneAxis() throws Exception {
    byte[] out = mean(false)
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .int32Constant(new int[] {1}, 1)
        .output(FLOAT32, new int[] {2}, 0f, 0)
        .run(SingleOpModel.float32(1, 2, 3, 4, 5, 6));
    assertArrayEquals(new float[] {2f, 5f}, SingleOpModel.float32Values(out));
  }

  @Test
  void axisOutOfRange_refusedAtLoad() {
    SingleOpModel model = mean(false)
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .int32Constant(new int[] {1}, 2)
        .output(FLOAT32, new int[] {2}, 0f, 0);
    SingleOpModel.assertRefused(model, "MEAN", "axis 2 is out of range for rank 2");
  }

  @Test
  void outputSizeDiffers_refusedAtLoad() {
    SingleOpModel model = mean(false)
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .int32Constant(new int[] {1}, 1)
        .output(FLOAT32, new int[] {3}, 0f, 0);
    SingleOpModel.assertRefused(model, "MEAN", "output has 3 elements, the reduction gives 2");
  }
}
