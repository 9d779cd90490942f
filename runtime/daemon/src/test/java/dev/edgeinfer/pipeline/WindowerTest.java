package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowerTest {

  @Test
  void add_sizeFourHopTwo_emitsOverlappingWindowsOldestFirst() {
    Windower w = new Windower(4, 2, 2);
    List<float[]> firstChannel = new ArrayList<>();
    List<Long> ends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      if (w.add(1000 + i, new float[] {i, -i})) {
        float[] ch0 = new float[4];
        for (int s = 0; s < 4; s++) {
          ch0[s] = w.window()[s][0];
          assertEquals(0f, ch0[s] + w.window()[s][1], "channel 1 mirrors channel 0");
        }
        firstChannel.add(ch0);
        ends.add(w.lastTimestamp());
      }
    }
    assertEquals(4, firstChannel.size());
    assertArrayEquals(new float[] {0, 1, 2, 3}, firstChannel.get(0));
    assertArrayEquals(new float[] {2, 3, 4, 5}, firstChannel.get(1));
    assertArrayEquals(new float[] {6, 7, 8, 9}, firstChannel.get(3));
    assertEquals(List.of(1003L, 1005L, 1007L, 1009L), ends);
  }

  @Test
  void add_hopLargerThanSize_skipsSamplesBetweenWindows() {
    Windower w = new Windower(2, 3, 1);
    List<Integer> emittedAt = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      if (w.add(i, new float[] {i})) {
        emittedAt.add(i);
        assertEquals(i - 1, w.window()[0][0]);
        assertEquals(i, w.window()[1][0]);
      }
    }
    assertEquals(List.of(1, 4, 7), emittedAt);
  }

  @Test
  void add_beforeTheFirstWindowIsFull_emitsNothing() {
    Windower w = new Windower(3, 1, 1);
    assertFalse(w.add(0, new float[] {1}));
    assertFalse(w.add(1, new float[] {2}));
    assertTrue(w.add(2, new float[] {3}));
    assertTrue(w.add(3, new float[] {4}));
  }
}
