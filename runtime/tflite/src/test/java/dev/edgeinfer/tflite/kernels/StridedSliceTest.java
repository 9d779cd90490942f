package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * STRIDED_SLICE on a [3, 4] input holding its flat index (row r, column c = 4r + c). Start and
 * stop per axis follow strided_slice_logic.h: a negative index counts from the end; a positive
 * stride clamps to [0, dim], a negative one to [-1, dim - 1]; the begin mask sets the start to 0
 * (or dim - 1 for a negative stride), the end mask the stop to dim (or -1); a shrunk axis keeps
 * [start, start + 1) and disappears from the output.
 */
class StridedSliceTest {
  static final int STRIDED_SLICE = 45, STRIDED_SLICE_OPTIONS = 32;
  static final byte[] GRID = SingleOpModel.int8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

  static SingleOpModel slice(int beginMask, int endMask, int shrinkMask, int[] begin, int[] end, int[] strides,
      int type, int[] outShape) {
    return new SingleOpModel(STRIDED_SLICE, STRIDED_SLICE_OPTIONS, SingleOpModel.ints(beginMask, endMask, 0, 0, shrinkMask))
        .input(type, new int[] {3, 4}, type == INT8 ? 1f : 0f, 0)
        .int32Constant(new int[] {begin.length}, begin)
        .int32Constant(new int[] {end.length}, end)
        .int32Constant(new int[] {strides.length}, strides)
        .output(type, outShape, type == INT8 ? 1f : 0f, 0);
  }

  static int[] v(int... values) {
    return values;
  }

  @Test
  void negativeStrides_walkBackwardAndStopBeforeEnd() throws Exception {
    // rows 2, 1 (stop 0 excluded); columns 3, 1 (stop 0 excluded)
    byte[] out = slice(0, 0, 0, v(2, 3), v(0, 0), v(-1, -2), INT8, new int[] {2, 2}).run(GRID);
    assertArrayEquals(new int[] {11, 9, 7, 5}, SingleOpModel.int8Values(out));
  }

  @Test
  void negativeStrideWithBothMasks_reversesEverything() throws Exception {
    // begin mask -> start dim - 1, end mask -> stop -1: the begin/end values are ignored
    byte[] out = slice(3, 3, 0, v(0, 0), v(0, 0), v(-1, -1), INT8, new int[] {3, 4}).run(GRID);
    assertArrayEquals(new int[] {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, SingleOpModel.int8Values(out));
  }

  @Test
  void beginMaskOnRowsEndMaskOnColumns_negativeIndicesCountFromEnd() throws Exception {
    // rows: begin masked -> 0, end -1 -> 2, so rows 0, 1; columns: begin -3 -> 1, end masked -> 4
    byte[] out = slice(1, 2, 0, v(5, -3), v(-1, 0), v(1, 1), INT8, new int[] {2, 3}).run(GRID);
    assertArrayEquals(new int[] {1, 2, 3, 5, 6, 7}, SingleOpModel.int8Values(out));
  }

  @Test
  void outOfRangeIndices_areClamped() throws Exception {
    // columns: begin -100 -> clamped to 0, end 100 -> clamped to 4, stride 3: columns 0, 3
    byte[] out = slice(0, 0, 0, v(1, -100), v(2, 100), v(1, 3), FLOAT32, new int[] {1, 2})
        .run(SingleOpModel.float32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    assertArrayEquals(new float[] {4, 7}, SingleOpModel.float32Values(out));
  }

  @Test
  void shrinkAxis_negativeIndexPicksLastRow() throws Exception {
    // shrink row axis at -1 -> row 2, output rank 1; end is ignored on a shrunk axis
    byte[] out = slice(0, 0, 1, v(-1, 0), v(0, 4), v(1, 1), INT8, new int[] {4}).run(GRID);
    assertArrayEquals(new int[] {8, 9, 10, 11}, SingleOpModel.int8Values(out));
  }

  @Test
  void shrinkBothAxes_givesScalar() throws Exception {
    byte[] out = slice(0, 0, 3, v(1, -2), v(2, -1), v(1, 1), INT8, new int[] {}).run(GRID);
    assertArrayEquals(new int[] {6}, SingleOpModel.int8Values(out));
  }

  @Test
  void shrinkWithBeginMaskOnTheSameAxis_beginMaskWins() throws Exception {
    // TFLite 2.19 StridedSliceStartForAxis applies the begin mask (start 0 for a positive stride)
    // before StridedSliceEndForAxis makes the shrunk range [start, start + 1): row 0, not row 2.
    byte[] out = slice(1, 0, 1, v(2, 0), v(3, 4), v(1, 1), INT8, new int[] {4}).run(GRID);
    assertArrayEquals(new int[] {0, 1, 2, 3}, SingleOpModel.int8Values(out));
  }

  @Test
  void zeroStride_refusedAtLoad() {
    SingleOpModel model = slice(0, 0, 0, v(0, 0), v(3, 4), v(1, 0), INT8, new int[] {3, 4});
    SingleOpModel.assertRefused(model, "STRIDED_SLICE", "stride of dimension 1 is 0");
  }

  @Test
  void outputSizeDiffersFromSlice_refusedAtLoad() {
    SingleOpModel model = slice(0, 0, 0, v(0, 0), v(2, 2), v(1, 1), INT8, new int[] {3, 3});
    SingleOpModel.assertRefused(model, "STRIDED_SLICE", "the slice has 4 elements but the output has 9");
  }
}
