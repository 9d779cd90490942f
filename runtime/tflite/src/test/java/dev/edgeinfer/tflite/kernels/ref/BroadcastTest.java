package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BroadcastTest {

  @Test
  void shapeOf_rowAndColumn_broadcastToMatrix() {
    assertArrayEquals(new int[] {2, 3}, Broadcast.shapeOf(new int[] {2, 1}, new int[] {3}));
    assertNull(Broadcast.shapeOf(new int[] {2}, new int[] {3}));
  }

  @Test
  void indexMap_column_repeatsAlongRows() {
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, Broadcast.indexMap(new int[] {2, 1}, new int[] {2, 3}));
  }

  @Test
  void indexMap_lowerRank_repeatsWhole() {
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, Broadcast.indexMap(new int[] {3}, new int[] {2, 3}));
  }

  @Test
  void indexMap_scalar_allZero() {
    assertArrayEquals(new int[] {0, 0, 0}, Broadcast.indexMap(new int[] {}, new int[] {3}));
  }

  @Test
  void isIdentity_sameShape() {
    assertTrue(Broadcast.isIdentity(Broadcast.indexMap(new int[] {2, 3}, new int[] {2, 3})));
    assertFalse(Broadcast.isIdentity(Broadcast.indexMap(new int[] {1, 3}, new int[] {2, 3})));
  }
}
