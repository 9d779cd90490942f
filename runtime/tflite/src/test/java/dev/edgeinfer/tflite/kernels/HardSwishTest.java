package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** HARD_SWISH: x * relu6(x + 3) / 6 (reference_ops::HardSwish float). */
class HardSwishTest {
  static final int HARD_SWISH = 117;

  @Test
  void float_allThreeSegments() throws Exception {
    // x <= -3: 0; -3 < x < 3: x (x + 3) / 6; x >= 3: x
    // -4 -> 0, -3 -> 0, -1 -> -1/3, 0 -> 0, 1 -> 2/3, 3 -> 3, 4 -> 4
    byte[] out = new SingleOpModel(HARD_SWISH)
        .input(FLOAT32, new int[] {7}, 0f, 0)
        .output(FLOAT32, new int[] {7}, 0f, 0)
        .run(SingleOpModel.float32(-4f, -3f, -1f, 0f, 1f, 3f, 4f));
    assertArrayEquals(new float[] {0f, 0f, -1f / 3, 0f, 2f / 3, 3f, 4f}, SingleOpModel.float32Values(out), 1e-6f);
  }

  @Test
  void int8_notImplemented_refusedAtLoad() {
    // TFLite runs INT8 HARD_SWISH; this engine does not yet and must say so at load
    SingleOpModel model = new SingleOpModel(HARD_SWISH)
        .input(INT8, new int[] {2}, 0.1f, 0)
        .output(INT8, new int[] {2}, 0.1f, 0);
    SingleOpModel.assertRefused(model, "HARD_SWISH", "input 0 has type INT8");
  }

  @Test
  void elementCountDiffers_refusedAtLoad() {
    SingleOpModel model = new SingleOpModel(HARD_SWISH)
        .input(FLOAT32, new int[] {2}, 0f, 0)
        .output(FLOAT32, new int[] {3}, 0f, 0);
    SingleOpModel.assertRefused(model, "HARD_SWISH", "input has 2 elements, output 3");
  }
}
