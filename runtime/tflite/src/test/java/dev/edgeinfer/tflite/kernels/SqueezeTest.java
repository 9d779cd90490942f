package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** SQUEEZE: drops size-1 dimensions; the data is copied unchanged. */
class SqueezeTest {
  static final int SQUEEZE = 43, SQUEEZE_OPTIONS = 30;

  static SingleOpModel squeeze(int... dims) {
    return new SingleOpModel(SQUEEZE, SQUEEZE_OPTIONS, fb -> {
      int v = fb.createIntVector(dims);
      fb.startTable(1); // SqueezeOptions: 0 squeeze_dims
      fb.addFieldOffset(0, v);
      return fb.endTable();
    });
  }

  @Test
  void float_listedDims_dropped() throws Exception {
    byte[] out = squeeze(0, 2)
        .input(FLOAT32, new int[] {1, 3, 1}, 0f, 0)
        .output(FLOAT32, new int[] {3}, 0f, 0)
        .run(SingleOpModel.float32(-1.5f, 0f, 2.25f));
    assertArrayEquals(new float[] {-1.5f, 0f, 2.25f}, SingleOpModel.float32Values(out));
  }

  @Test
  void int8_allUnitDims_negativeValuesAndZeroPointKept() throws Exception {
    byte[] out = squeeze()
        .input(INT8, new int[] {1, 2, 1, 2}, 0.25f, 127)
        .output(INT8, new int[] {2, 2}, 0.25f, 127)
        .run(SingleOpModel.int8(-128, -1, 127, 0));
    assertArrayEquals(new int[] {-128, -1, 127, 0}, SingleOpModel.int8Values(out));
  }

  @Test
  void elementCountDiffers_refusedAtLoad() {
    SingleOpModel model = squeeze(0)
        .input(FLOAT32, new int[] {1, 3}, 0f, 0)
        .output(FLOAT32, new int[] {2}, 0f, 0);
    SingleOpModel.assertRefused(model, "SQUEEZE", "input has 3 elements but output has 2");
  }
}
