package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * SOFTMAX over the last axis. INT8 output: scale 1/256, zero point -128 (activations.cc
 * SoftmaxPrepare requires them), so q = round(256 p) - 128, clamped: p = 1 saturates at 127.
 */
class SoftmaxTest {
  static final int SOFTMAX = 25, SOFTMAX_OPTIONS = 9;

  static SingleOpModel softmax(float beta) {
    return new SingleOpModel(SOFTMAX, SOFTMAX_OPTIONS, SingleOpModel.float0(beta));
  }

  @Test
  void int8ToInt8_uniformTiesAndSaturation() throws Exception {
    // row 0: four equal inputs -> p = 1/4 -> 64 - 128 = -64
    // row 1: two maxima, others 255 * 1.0 below: exp(-255) is 0 in float -> p = 1/2, 0 -> 0, -128
    // row 2: one maximum -> p = 1 -> 256 - 128 = 128, saturates at 127; the rest -128
    byte[] out = softmax(1f)
        .input(INT8, new int[] {3, 4}, 1f, 0)
        .output(INT8, new int[] {3, 4}, 1f / 256, -128)
        .run(SingleOpModel.int8(5, 5, 5, 5, 127, -128, 127, -128, -128, -128, 127, -128));
    assertArrayEquals(new int[] {-64, -64, -64, -64, 0, -128, 0, -128, -128, -128, 127, -128},
        SingleOpModel.int8Values(out));
  }

  @Test
  void int8ToInt8_twoValues() throws Exception {
    // input scale 0.5: [2, 0] -> reals [1, 0]; p = [1, e^-1] / (1 + e^-1) = [0.731059, 0.268941]
    // 256 p = [187.15, 68.85] -> [187, 69] - 128 = [59, -59]
    byte[] out = softmax(1f)
        .input(INT8, new int[] {1, 2}, 0.5f, 0)
        .output(INT8, new int[] {1, 2}, 1f / 256, -128)
        .run(SingleOpModel.int8(2, 0));
    assertArrayEquals(new int[] {59, -59}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8ToInt8_betaScalesInputs() throws Exception {
    // beta 2 on input scale 0.25: [2, 0] -> beta * reals = [1, 0]: same probabilities as above
    byte[] out = softmax(2f)
        .input(INT8, new int[] {2}, 0.25f, 0)
        .output(INT8, new int[] {2}, 1f / 256, -128)
        .run(SingleOpModel.int8(2, 0));
    assertArrayEquals(new int[] {59, -59}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8ToInt16_scale1Over32768_saturatesAtInt16Max() throws Exception {
    // row 0: p = 1/4 -> 8192; row 1: p = 1 -> 32768 saturates at 32767, p = 0 -> 0
    byte[] out = softmax(1f)
        .input(INT8, new int[] {2, 4}, 1f, 0)
        .output(INT16, new int[] {2, 4}, 1f / 32768, 0)
        .run(SingleOpModel.int8(-7, -7, -7, -7, -128, 127, -128, -128));
    assertArrayEquals(new int[] {8192, 8192, 8192, 8192, 0, 32767, 0, 0}, SingleOpModel.int16Values(out));
  }

  @Test
  void float_subtractsTheMaximum_andSumsToOne() throws Exception {
    // [1000, 1000] would overflow exp without the max subtraction; [0, 1] -> [1/(1+e), e/(1+e)]
    byte[] out = softmax(1f)
        .input(FLOAT32, new int[] {2, 2}, 0f, 0)
        .output(FLOAT32, new int[] {2, 2}, 0f, 0)
        .run(SingleOpModel.float32(1000f, 1000f, 0f, 1f));
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.26894142f, 0.7310586f}, SingleOpModel.float32Values(out), 1e-6f);
  }

  @Test
  void float_beta() throws Exception {
    // beta 0.5 on [0, 2] equals beta 1 on [0, 1]
    byte[] out = softmax(0.5f)
        .input(FLOAT32, new int[] {2}, 0f, 0)
        .output(FLOAT32, new int[] {2}, 0f, 0)
        .run(SingleOpModel.float32(0f, 2f));
    assertArrayEquals(new float[] {0.26894142f, 0.7310586f}, SingleOpModel.float32Values(out), 1e-6f);
  }

  @Test
  void int8OutputWithZeroPointZero_refusedAtLoad() {
    SingleOpModel model = softmax(1f)
        .input(INT8, new int[] {1, 4}, 1f, 0)
        .output(INT8, new int[] {1, 4}, 1f / 256, 0);
    SingleOpModel.assertRefused(model, "SOFTMAX", "zero point -128 and scale 1/256");
  }

  @Test
  void int8OutputWithOtherScale_refusedAtLoad() {
    SingleOpModel model = softmax(1f)
        .input(INT8, new int[] {1, 4}, 1f, 0)
        .output(INT8, new int[] {1, 4}, 1f / 128, -128);
    SingleOpModel.assertRefused(model, "SOFTMAX", "zero point -128 and scale 1/256");
  }

  @Test
  void scalarInput_refusedAtLoad() {
    // TFLite requires NumDimensions(input) >= 1
    SingleOpModel model = softmax(1f)
        .input(FLOAT32, new int[] {}, 0f, 0)
        .output(FLOAT32, new int[] {}, 0f, 0);
    SingleOpModel.assertRefused(model, "SOFTMAX", "non-scalar");
  }
}
