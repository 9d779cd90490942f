package dev.edgeinfer.tflite.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatBufferBuilderTest {

  @Test
  void table_withScalarsStringAndVectors_decodesToTheSameValues() {
    FlatBufferBuilder fb = new FlatBufferBuilder(16); // small on purpose: forces growth
    int name = fb.createString("héllo");
    int ints = fb.createIntVector(new int[] {3, -1, 7});
    int longs = fb.createLongVector(new long[] {Long.MIN_VALUE, 5});
    fb.startTable(6);
    fb.addFieldByte(0, 9, 0);
    fb.addFieldOffset(1, name);
    fb.addFieldInt(2, 123456, 0);
    fb.addFieldOffset(3, ints);
    fb.addFieldFloat(4, 0.25f, 0f);
    fb.addFieldOffset(5, longs);
    int table = fb.endTable();
    byte[] bytes = fb.finish(table, "TEST");

    FlatBufferReader r = new FlatBufferReader(bytes);
    assertEquals("TEST", r.fileIdentifier());
    int root = r.root();
    assertEquals(9, r.byteField(root, 0, 0));
    assertEquals("héllo", r.string(r.refField(root, 1)));
    assertEquals(123456, r.intField(root, 2, 0));
    assertArrayEquals(new int[] {3, -1, 7}, r.intVector(r.refField(root, 3)));
    assertEquals(0.25f, r.floatField(root, 4, 0f));
    assertArrayEquals(new long[] {Long.MIN_VALUE, 5}, r.longVector(r.refField(root, 5)));
  }

  @Test
  void addField_equalToDefault_isLeftOutOfTheVtable() {
    FlatBufferBuilder fb = new FlatBufferBuilder(64);
    fb.startTable(3);
    fb.addFieldInt(0, 0, 0);
    fb.addFieldInt(1, 5, 0);
    fb.addFieldInt(2, 1, 1);
    byte[] bytes = fb.finish(fb.endTable(), "TEST");

    FlatBufferReader r = new FlatBufferReader(bytes);
    int root = r.root();
    assertEquals(0, r.field(root, 0));
    assertEquals(5, r.intField(root, 1, 0));
    assertEquals(0, r.field(root, 2));
    // Trailing absent fields are trimmed: the vtable holds its two header shorts plus fields 0 and 1.
    assertEquals(8, r.bb.getShort(r.vtable(root)));
  }

  @Test
  void identicalTableLayouts_shareOneVtable_differentLayoutsDoNot() {
    FlatBufferBuilder fb = new FlatBufferBuilder(64);
    int[] tables = new int[3];
    for (int i = 0; i < 2; i++) {
      fb.startTable(2);
      fb.addFieldInt(0, 10 + i, 0);
      fb.addFieldInt(1, 20 + i, 0);
      tables[i] = fb.endTable();
    }
    fb.startTable(2);
    fb.addFieldInt(1, 30, 0);
    tables[2] = fb.endTable();
    int vector = fb.createOffsetVector(tables);
    fb.startTable(1);
    fb.addFieldOffset(0, vector);
    byte[] bytes = fb.finish(fb.endTable(), "TEST");

    FlatBufferReader r = new FlatBufferReader(bytes);
    int v = r.refField(r.root(), 0);
    int t0 = r.refElement(v, 0);
    int t1 = r.refElement(v, 1);
    int t2 = r.refElement(v, 2);
    assertEquals(r.vtable(t0), r.vtable(t1));
    assertNotEquals(r.vtable(t0), r.vtable(t2));
    assertEquals(10, r.intField(t0, 0, 0));
    assertEquals(21, r.intField(t1, 1, 0));
    assertEquals(0, r.intField(t2, 0, 0));
    assertEquals(30, r.intField(t2, 1, 0));
  }

  @Test
  void vectorsAndScalars_afterOddSizedData_keepTheirAlignmentInTheFinishedBuffer() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      FlatBufferBuilder fb = new FlatBufferBuilder(32);
      byte[] data = new byte[1 + random.nextInt(40)];
      random.nextBytes(data);
      int s = fb.createString("x".repeat(random.nextInt(9)));
      int aligned = fb.createByteVector(data, 16);
      fb.createString("y".repeat(random.nextInt(9))); // odd-sized data in front of the vector
      int longs = fb.createLongVector(new long[] {random.nextLong()});
      fb.startTable(5);
      fb.addFieldByte(0, 1, 0);
      fb.addFieldLong(1, 77L, 0);
      fb.addFieldOffset(2, aligned);
      fb.addFieldOffset(3, longs);
      fb.addFieldOffset(4, s);
      fb.addFieldByte(0, 1, 0);
      int t = fb.endTable();
      byte[] bytes = fb.finish(t, "TEST");

      FlatBufferReader r = new FlatBufferReader(bytes);
      int root = r.root();
      assertEquals(0, root % 4, "tables start on 4 bytes");
      assertEquals(0, r.field(root, 1) % 8, "a long field sits on 8 bytes");
      int vec = r.refField(root, 2);
      assertEquals(0, r.vectorBody(vec) % 16, "force_align 16 vector body");
      assertArrayEquals(data, r.byteVector(vec));
      assertEquals(0, r.vectorBody(r.refField(root, 3)) % 8, "long vector body on 8 bytes");
      assertEquals(77L, r.bb.getLong(r.field(root, 1)));
      assertEquals(0, bytes.length % 16, "finished size is a multiple of the largest alignment");
    }
  }

  @Test
  void createString_insideATable_isRefused() {
    FlatBufferBuilder fb = new FlatBufferBuilder(64);
    fb.startTable(1);
    assertThrows(IllegalStateException.class, () -> fb.createString("nested"));
  }

  @Test
  void addField_outsideTheDeclaredFieldCount_isRefused() {
    FlatBufferBuilder fb = new FlatBufferBuilder(64);
    fb.startTable(2);
    assertThrows(IllegalArgumentException.class, () -> fb.addFieldInt(2, 1, 0));
  }
}
