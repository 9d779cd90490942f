package dev.edgeinfer.tflite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The gather maps of TRANSPOSE, PAD, STRIDED_SLICE and MEAN's reduction index, on hand-checked shapes. */
class ShapeMapsTest {

  @Test
  void transpose_2x3_swapsAxes() {
    // in [[0,1,2],[3,4,5]] -> out [[0,3],[1,4],[2,5]]
    assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, Transpose.indexMap(new int[] {2, 3}, new int[] {1, 0}));
  }

  @Test
  void transpose_nchwToNhwc_readsChannelsInnermost() {
    int[] map = Transpose.indexMap(new int[] {1, 2, 2, 2}, new int[] {0, 2, 3, 1});
    // out[h][w][c] = in[c][h][w]: c stride 4, h stride 2, w stride 1
    assertArrayEquals(new int[] {0, 4, 1, 5, 2, 6, 3, 7}, map);
  }

  @Test
  void transpose_rank6_reversesAxes() {
    int[] map = Transpose.indexMap(new int[] {1, 1, 1, 1, 2, 3}, new int[] {5, 4, 3, 2, 1, 0});
    assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, map);
  }

  @Test
  void pad_oneEachSide_marksPaddingWithMinusOne() {
    int[] map = Pad.indexMap(new int[] {2}, new int[] {4}, new int[] {1});
    assertArrayEquals(new int[] {-1, 0, 1, -1}, map);
  }

  @Test
  void pad_2d_beforeOnly() {
    int[] map = Pad.indexMap(new int[] {1, 2}, new int[] {2, 3}, new int[] {1, 1});
    assertArrayEquals(new int[] {-1, -1, -1, -1, 0, 1}, map);
  }

  @Test
  void stridedSlice_negativeStride_reverses() {
    var spec = new StridedSlice.Spec(new int[] {-1}, new int[] {0}, new int[] {-1}, 0, 1, 0, 0, 0, false);
    assertArrayEquals(new int[] {4, 3, 2, 1, 0}, StridedSlice.indexMap(new int[] {5}, spec));
  }

  @Test
  void stridedSlice_beginEndMasksAndStride2() {
    var spec = new StridedSlice.Spec(new int[] {3}, new int[] {1}, new int[] {2}, 1, 1, 0, 0, 0, false);
    assertArrayEquals(new int[] {0, 2, 4}, StridedSlice.indexMap(new int[] {5}, spec));
  }

  @Test
  void stridedSlice_shrinkAxis_takesOneRow() {
    // [3, 2] -> row 1 shrunk: [2]
    var spec = new StridedSlice.Spec(new int[] {1, 0}, new int[] {2, 2}, new int[] {1, 1}, 0, 0, 0, 0, 1, false);
    assertArrayEquals(new int[] {2, 3}, StridedSlice.indexMap(new int[] {3, 2}, spec));
  }

  @Test
  void stridedSlice_ellipsisThenLastIndex() {
    // x[..., 1] on [2, 3]: ellipsis covers dim 0, shrink dim 1 at index 1
    var spec = new StridedSlice.Spec(new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 1}, 0, 0, 1, 0, 2, false);
    assertArrayEquals(new int[] {1, 4}, StridedSlice.indexMap(new int[] {2, 3}, spec));
  }

  @Test
  void stridedSlice_newAxisKeepsOrder() {
    var spec = new StridedSlice.Spec(new int[] {0, 0}, new int[] {0, 2}, new int[] {1, 1}, 0, 0, 0, 1, 0, false);
    assertArrayEquals(new int[] {0, 1}, StridedSlice.indexMap(new int[] {3}, spec));
  }

  @Test
  void stridedSlice_outOfRangeEnd_isClamped() {
    var spec = new StridedSlice.Spec(new int[] {-10}, new int[] {10}, new int[] {1}, 0, 0, 0, 0, 0, false);
    assertArrayEquals(new int[] {0, 1, 2}, StridedSlice.indexMap(new int[] {3}, spec));
  }

  @Test
  void mean_outputIndex_reducesMiddleAxes() {
    // [1, 2, 2, 2] over axes 1, 2: every input goes to its channel
    int[] map = Mean.outputIndex(new int[] {1, 2, 2, 2}, new boolean[] {false, true, true, false});
    assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 0, 1}, map);
  }
}
