package dev.edgeinfer.tflite.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one FlatBuffer, back to front, the way the FlatBuffers format expects: children are
 * written before the objects that point at them, so every offset points forward in the finished
 * buffer. All values are little-endian; every scalar is aligned to its own size and vectors to at
 * least 4 bytes (more when the schema says {@code force_align}).
 *
 * <p>Positions handed out ({@code int} "offsets") count bytes from the end of the buffer, which
 * stays fixed while the front grows. Identical vtables are written once and shared, as in the
 * reference implementation, which keeps the output small and deterministic.
 *
 * <p>Format: https://flatbuffers.dev/internals/ . Not thread-safe; one builder makes one buffer.
 */
public final class FlatBufferBuilder {

  private static final int MAX_FIELDS = 64;

  private byte[] buf;
  /** Index of the first written byte; data lives in {@code buf[head..buf.length)}. */
  private int head;
  private int minAlign = 1;

  private int[] fieldPositions;
  private int fieldCount = -1;
  private int tableStart;
  private final List<Integer> vtables = new ArrayList<>();
  private boolean finished;

  public FlatBufferBuilder(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
    head = buf.length;
  }

  /** Bytes written so far: the position of the most recent write, counted from the end. */
  public int offset() {
    return buf.length - head;
  }

  // ---- low level: growth, padding, raw little-endian puts -------------------------------------

  private void ensureSpace(int bytes) {
    if (head >= bytes) {
      return;
    }
    int used = offset();
    int capacity = buf.length;
    while (capacity - used < bytes) {
      capacity = Math.multiplyExact(capacity, 2);
    }
    byte[] bigger = new byte[capacity];
    System.arraycopy(buf, head, bigger, capacity - used, used);
    buf = bigger;
    head = capacity - used;
  }

  /**
   * Pads so that after {@code additionalBytes} more bytes are written, the write position is a
   * multiple of {@code size}; this is how a vector body or a scalar ends up aligned.
   */
  private void prep(int size, int additionalBytes) {
    if (size > minAlign) {
      minAlign = size;
    }
    int padding = (-(offset() + additionalBytes)) & (size - 1);
    ensureSpace(padding + size + additionalBytes);
    for (int i = 0; i < padding; i++) {
      buf[--head] = 0;
    }
  }

  private void putByte(int v) {
    buf[--head] = (byte) v;
  }

  private void putShort(int v) {
    putByte(v >>> 8);
    putByte(v);
  }

  private void putInt(int v) {
    putByte(v >>> 24);
    putByte(v >>> 16);
    putByte(v >>> 8);
    putByte(v);
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  // ---- aligned scalars and references ---------------------------------------------------------

  public void addByte(int v) {
    prep(1, 0);
    putByte(v);
  }

  public void addShort(int v) {
    prep(2, 0);
    putShort(v);
  }

  public void addInt(int v) {
    prep(4, 0);
    putInt(v);
  }

  public void addLong(long v) {
    prep(8, 0);
    putLong(v);
  }

  public void addFloat(float v) {
    addInt(Float.floatToRawIntBits(v));
  }

  /** A uoffset_t: the distance from where it is stored forward to an object written earlier. */
  public void addOffset(int target) {
    prep(4, 0);
    if (target <= 0 || target > offset()) {
      throw new IllegalArgumentException("offset " + target + " does not name an object written earlier");
    }
    putInt(offset() - target + 4);
  }

  // ---- vectors and strings --------------------------------------------------------------------

  /** Reserves alignment for a vector of {@code count} elements; elements then go in last-first. */
  private void startVector(int elementSize, int count, int alignment) {
    checkNotInTable();
    int bodyBytes = Math.multiplyExact(elementSize, count);
    prep(4, bodyBytes);
    prep(Math.max(alignment, elementSize), bodyBytes);
  }

  private int endVector(int count) {
    putInt(count);
    return offset();
  }

  public int createByteVector(byte[] data, int alignment) {
    startVector(1, data.length, alignment);
    head -= data.length;
    System.arraycopy(data, 0, buf, head, data.length);
    return endVector(data.length);
  }

  public int createIntVector(int[] values) {
    startVector(4, values.length, 4);
    for (int i = values.length - 1; i >= 0; i--) {
      putInt(values[i]);
    }
    return endVector(values.length);
  }

  public int createLongVector(long[] values) {
    startVector(8, values.length, 8);
    for (int i = values.length - 1; i >= 0; i--) {
      putLong(values[i]);
    }
    return endVector(values.length);
  }

  public int createFloatVector(float[] values) {
    startVector(4, values.length, 4);
    for (int i = values.length - 1; i >= 0; i--) {
      putInt(Float.floatToRawIntBits(values[i]));
    }
    return endVector(values.length);
  }

  /** A vector of references to tables, strings or vectors written earlier. */
  public int createOffsetVector(int[] targets) {
    startVector(4, targets.length, 4);
    for (int i = targets.length - 1; i >= 0; i--) {
      addOffset(targets[i]);
    }
    return endVector(targets.length);
  }

  /** UTF-8 bytes, a terminating zero (not counted in the length), as the format requires. */
  public int createString(String s) {
    checkNotInTable();
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    prep(4, utf8.length + 1);
    putByte(0);
    head -= utf8.length;
    System.arraycopy(utf8, 0, buf, head, utf8.length);
    return endVector(utf8.length);
  }

  // ---- tables ---------------------------------------------------------------------------------

  public void startTable(int numFields) {
    checkNotInTable();
    if (numFields < 0 || numFields > MAX_FIELDS) {
      throw new IllegalArgumentException("numFields must be 0.." + MAX_FIELDS + ": " + numFields);
    }
    fieldPositions = new int[numFields];
    fieldCount = numFields;
    tableStart = offset();
  }

  private void slot(int field) {
    if (fieldCount < 0) {
      throw new IllegalStateException("fields are added between startTable and endTable");
    }
    if (field < 0 || field >= fieldCount) {
      throw new IllegalArgumentException("field id " + field + " outside 0.." + (fieldCount - 1));
    }
    fieldPositions[field] = offset();
  }

  /** Scalars equal to the schema default are left out, as the format allows; readers supply it. */
  public void addFieldByte(int field, int value, int defaultValue) {
    if (value != defaultValue) {
      addByte(value);
      slot(field);
    }
  }

  public void addFieldBoolean(int field, boolean value) {
    addFieldByte(field, value ? 1 : 0, 0);
  }

  public void addFieldInt(int field, int value, int defaultValue) {
    if (value != defaultValue) {
      addInt(value);
      slot(field);
    }
  }

  public void addFieldLong(int field, long value, long defaultValue) {
    if (value != defaultValue) {
      addLong(value);
      slot(field);
    }
  }

  public void addFieldFloat(int field, float value, float defaultValue) {
    if (Float.floatToRawIntBits(value) != Float.floatToRawIntBits(defaultValue)) {
      addFloat(value);
      slot(field);
    }
  }

  public void addFieldOffset(int field, int target) {
    addOffset(target);
    slot(field);
  }

  /**
   * Closes the table: writes its soffset to a vtable, sharing an identical vtable written before
   * when there is one.
   */
  public int endTable() {
    if (fieldCount < 0) {
      throw new IllegalStateException("endTable without startTable");
    }
    addInt(0); // placeholder for the soffset to the vtable
    int objectOffset = offset();
    int used = fieldCount;
    while (used > 0 && fieldPositions[used - 1] == 0) {
      used--; // trailing absent fields need no vtable entry
    }
    short[] vtable = new short[2 + used];
    vtable[0] = (short) (2 * vtable.length);
    vtable[1] = (short) (objectOffset - tableStart);
    for (int i = 0; i < used; i++) {
      vtable[2 + i] = (short) (fieldPositions[i] == 0 ? 0 : objectOffset - fieldPositions[i]);
    }
    int vtableOffset = findVtable(vtable);
    if (vtableOffset == 0) {
      ensureSpace(2 * vtable.length);
      for (int i = vtable.length - 1; i >= 0; i--) {
        putShort(vtable[i]);
      }
      vtableOffset = offset();
      vtables.add(vtableOffset);
    }
    // soffset_t: table position minus vtable position, in absolute terms.
    writeIntAt(buf.length - objectOffset, vtableOffset - objectOffset);
    fieldCount = -1;
    fieldPositions = null;
    return objectOffset;
  }

  private int findVtable(short[] vtable) {
    for (int candidate : vtables) {
      int at = buf.length - candidate;
      if (readShortAt(at) != vtable[0]) {
        continue;
      }
      boolean same = true;
      for (int i = 1; i < vtable.length && same; i++) {
        same = readShortAt(at + 2 * i) == vtable[i];
      }
      if (same) {
        return candidate;
      }
    }
    return 0;
  }

  private short readShortAt(int index) {
    return (short) ((buf[index] & 0xFF) | (buf[index + 1] << 8));
  }

  private void writeIntAt(int index, int v) {
    buf[index] = (byte) v;
    buf[index + 1] = (byte) (v >>> 8);
    buf[index + 2] = (byte) (v >>> 16);
    buf[index + 3] = (byte) (v >>> 24);
  }

  private void checkNotInTable() {
    if (fieldCount >= 0) {
      throw new IllegalStateException("objects cannot be created inside a table; create them first");
    }
    if (finished) {
      throw new IllegalStateException("the buffer is already finished");
    }
  }

  /**
   * Writes the root offset and the 4-character file identifier, aligned so every object keeps its
   * alignment relative to the start of the returned array.
   */
  public byte[] finish(int root, String fileIdentifier) {
    checkNotInTable();
    byte[] id = fileIdentifier.getBytes(StandardCharsets.US_ASCII);
    if (id.length != 4) {
      throw new IllegalArgumentException("a file identifier has 4 characters: " + fileIdentifier);
    }
    prep(minAlign, 8);
    for (int i = 3; i >= 0; i--) {
      putByte(id[i]);
    }
    addOffset(root);
    finished = true;
    return Arrays.copyOfRange(buf, head, buf.length);
  }
}
