package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT64;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** PAD: paddings [rank, 2] (before, after); the pad value is real zero, i.e. the output zero point (pad.cc). */
class PadTest {
  static final int PAD = 34, PAD_OPTIONS = 22;

  static SingleOpModel pad() {
    return new SingleOpModel(PAD, PAD_OPTIONS, fb -> {
      fb.startTable(0);
      return fb.endTable();
    });
  }

  @Test
  void int8_nonZeroZeroPoint_padsWithZeroPoint() throws Exception {
    // [1, 2] padded by [[1, 0], [0, 2]] -> [2, 4]: a row of padding, then 1 2 and two pads; pad = zp -5
    byte[] out = pad()
        .input(INT8, new int[] {1, 2}, 0.5f, -5)
        .int32Constant(new int[] {2, 2}, 1, 0, 0, 2)
        .output(INT8, new int[] {2, 4}, 0.5f, -5)
        .run(SingleOpModel.int8(1, 2));
    assertArrayEquals(new int[] {-5, -5, -5, -5, 1, 2, -5, -5}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_zeroPointAtRangeEnd_int64Paddings() throws Exception {
    // zp -128 (real 0 at the bottom of the range); one pad on each side of the only axis
    byte[] out = pad()
        .input(INT8, new int[] {2}, 1f, -128)
        .constant(INT64, new int[] {1, 2}, SingleOpModel.int64(1, 1), new float[0], 0)
        .output(INT8, new int[] {4}, 1f, -128)
        .run(SingleOpModel.int8(127, -1));
    assertArrayEquals(new int[] {-128, 127, -1, -128}, SingleOpModel.int8Values(out));
  }

  @Test
  void int16_padsWithZero() throws Exception {
    byte[] out = pad()
        .input(INT16, new int[] {1, 1, 1, 1}, 1f, 0)
        .int32Constant(new int[] {4, 2}, 0, 0, 0, 1, 1, 0, 0, 0)
        .output(INT16, new int[] {1, 2, 2, 1}, 1f, 0)
        .run(SingleOpModel.int16(-32768));
    // H padded after, W padded before: (0,0)=pad (0,1)=x (1,0)=pad (1,1)=pad
    assertArrayEquals(new int[] {0, -32768, 0, 0}, SingleOpModel.int16Values(out));
  }

  @Test
  void float_rank3_padsWithZero() throws Exception {
    byte[] out = pad()
        .input(FLOAT32, new int[] {1, 2, 1}, 0f, 0)
        .int32Constant(new int[] {3, 2}, 0, 0, 1, 1, 0, 1)
        .output(FLOAT32, new int[] {1, 4, 2}, 0f, 0)
        .run(SingleOpModel.float32(-1.5f, 2.5f));
    assertArrayEquals(new float[] {0, 0, -1.5f, 0, 2.5f, 0, 0, 0}, SingleOpModel.float32Values(out));
  }

  @Test
  void paddingsThatDoNotGiveOutputShape_refusedAtLoad() {
    SingleOpModel model = pad()
        .input(FLOAT32, new int[] {1, 2}, 0f, 0)
        .int32Constant(new int[] {2, 2}, 0, 0, 1, 1)
        .output(FLOAT32, new int[] {1, 5}, 0f, 0);
    SingleOpModel.assertRefused(model, "PAD", "paddings of dimension 1 do not give the output shape");
  }

  @Test
  void negativePadding_refusedAtLoad() {
    SingleOpModel model = pad()
        .input(FLOAT32, new int[] {3}, 0f, 0)
        .int32Constant(new int[] {1, 2}, -1, 0)
        .output(FLOAT32, new int[] {2}, 0f, 0);
    SingleOpModel.assertRefused(model, "PAD", "paddings of dimension 0 do not give the output shape");
  }

  @Test
  void paddingsOfWrongShape_refusedAtLoad() {
    SingleOpModel model = pad()
        .input(FLOAT32, new int[] {1, 2}, 0f, 0)
        .int32Constant(new int[] {1, 2}, 0, 0)
        .output(FLOAT32, new int[] {1, 2}, 0f, 0);
    SingleOpModel.assertRefused(model, "PAD", "paddings must be a constant [2, 2]");
  }
}
