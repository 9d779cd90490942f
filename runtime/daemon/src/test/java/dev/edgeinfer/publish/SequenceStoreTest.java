package dev.edgeinfer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceStoreTest {
  @TempDir
  Path state;

  @Test
  void next_countsFromOneAndContinuesInANewStore() throws Exception {
    try (SequenceStore a = new SequenceStore(state, "vibration")) {
      assertEquals(1, a.next());
      assertEquals(2, a.next());
    }
    try (SequenceStore b = new SequenceStore(state, "vibration")) {
      assertEquals(3, b.next());
    }
    assertEquals("3", Files.readString(state.resolve("seq/vibration")));
  }

  @Test
  void next_withoutClose_isAlreadyPersisted() throws Exception {
    SequenceStore a = new SequenceStore(state, "p");
    a.next();
    a.next();
    // As after a crash: no close(), a new store reads what the last next() wrote.
    assertEquals(3, new SequenceStore(state, "p").next());
  }

  @Test
  void pipelinesCountIndependently() throws Exception {
    try (SequenceStore a = new SequenceStore(state, "a"); SequenceStore b = new SequenceStore(state, "b")) {
      a.next();
      a.next();
      assertEquals(1, b.next());
    }
  }

  @Test
  void open_corruptFile_namesIt() throws Exception {
    Files.createDirectories(state.resolve("seq"));
    Files.writeString(state.resolve("seq/p"), "12x");
    IOException e = assertThrows(IOException.class, () -> new SequenceStore(state, "p"));
    assertTrue(e.getMessage().endsWith("seq/p: not a sequence number: \"12x\""), e.getMessage());
  }
}
