package dev.edgeinfer.tflite.read;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reading of a FlatBuffer (https://flatbuffers.dev/internals/): every offset is
 * checked against the buffer before it is followed, so that a hostile file yields a
 * {@link ModelFormatException} naming {@code where}, never an unchecked exception.
 *
 * <p>Positions are absolute byte offsets into the buffer. Immutable and thread-safe (reads use
 * absolute gets only).
 */
final class FlatBufferView {
  private final ByteBuffer bytes;

  FlatBufferView(ByteBuffer bytes) {
    this.bytes = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  int size() {
    return bytes.limit();
  }

  /** The root table's position (the first uoffset of the file). */
  int root() throws ModelFormatException {
    require(0, 8, "file header");
    return follow(0, "root table");
  }

  /** The position of field {@code id} of the table at {@code table}, or -1 when absent. */
  int field(int table, int id, String where) throws ModelFormatException {
    require(table, 4, where);
    long vtable = (long) table - bytes.getInt(table);
    if (vtable < 0 || vtable + 4 > size()) {
      throw new ModelFormatException(where + ": vtable offset out of range");
    }
    int vt = (int) vtable;
    int vtableSize = Short.toUnsignedInt(bytes.getShort(vt));
    int tableSize = Short.toUnsignedInt(bytes.getShort(vt + 2));
    if (vtableSize < 4 || (vtableSize & 1) != 0 || vt + vtableSize > size()) {
      throw new ModelFormatException(where + ": malformed vtable");
    }
    require(table, tableSize, where);
    int slot = 4 + 2 * id;
    if (slot + 2 > vtableSize) {
      return -1;
    }
    int fieldOffset = Short.toUnsignedInt(bytes.getShort(vt + slot));
    if (fieldOffset == 0) {
      return -1;
    }
    if (fieldOffset >= tableSize) {
      throw new ModelFormatException(where + ": field " + id + " lies outside its table");
    }
    return table + fieldOffset;
  }

  int intField(int table, int id, int defaultValue, String where) throws ModelFormatException {
    int at = field(table, id, where);
    if (at < 0) {
      return defaultValue;
    }
    require(at, 4, where);
    return bytes.getInt(at);
  }

  long longField(int table, int id, long defaultValue, String where) throws ModelFormatException {
    int at = field(table, id, where);
    if (at < 0) {
      return defaultValue;
    }
    require(at, 8, where);
    return bytes.getLong(at);
  }

  byte byteField(int table, int id, byte defaultValue, String where) throws ModelFormatException {
    int at = field(table, id, where);
    if (at < 0) {
      return defaultValue;
    }
    require(at, 1, where);
    return bytes.get(at);
  }

  /** The position of the table or vector that field {@code id} refers to, or -1 when absent. */
  int refField(int table, int id, String where) throws ModelFormatException {
    int at = field(table, id, where);
    return at < 0 ? -1 : follow(at, where);
  }

  /** Element count of the vector at {@code vector}, checked to fit with {@code elementSize}-byte elements. */
  int vectorLength(int vector, int elementSize, int limit, String where) throws ModelFormatException {
    require(vector, 4, where);
    long length = Integer.toUnsignedLong(bytes.getInt(vector));
    if (length > limit) {
      throw new ModelFormatException(where + ": " + length + " elements exceed the limit of " + limit);
    }
    if (vector + 4L + length * elementSize > size()) {
      throw new ModelFormatException(where + ": vector of " + length + " elements runs past the end of the file");
    }
    return (int) length;
  }

  /** Position of element {@code index} of a vector of tables. */
  int tableAt(int vector, int index, String where) throws ModelFormatException {
    return follow(vector + 4 + 4 * index, where);
  }

  int intAt(int vector, int index) {
    return bytes.getInt(vector + 4 + 4 * index);
  }

  long longAt(int vector, int index) {
    return bytes.getLong(vector + 4 + 8 * index);
  }

  float floatAt(int vector, int index) {
    return bytes.getFloat(vector + 4 + 4 * index);
  }

  String string(int at, int limit, String where) throws ModelFormatException {
    int length = vectorLength(at, 1, limit, where);
    byte[] utf8 = new byte[length];
    bytes.get(at + 4, utf8);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw new ModelFormatException(where + ": not valid UTF-8");
    }
  }

  private int follow(int at, String where) throws ModelFormatException {
    require(at, 4, where);
    long target = at + Integer.toUnsignedLong(bytes.getInt(at));
    if (target >= size()) {
      throw new ModelFormatException(where + ": offset " + target + " beyond the end of the file (" + size() + " bytes)");
    }
    return (int) target;
  }

  private void require(long at, long length, String where) throws ModelFormatException {
    if (at < 0 || at + length > size()) {
      throw new ModelFormatException(where + ": " + length + " bytes at " + at + " run past the end of the file ("
          + size() + " bytes)");
    }
  }
}
