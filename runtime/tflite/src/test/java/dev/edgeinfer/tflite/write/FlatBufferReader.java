package dev.edgeinfer.tflite.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A tiny test-side FlatBuffer reader, written from the format description and independent of the
 * builder, so tests can check what the builder wrote. Positions are absolute byte indices.
 */
final class FlatBufferReader {

  final ByteBuffer bb;

  FlatBufferReader(byte[] bytes) {
    bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  int root() {
    return bb.getInt(0);
  }

  String fileIdentifier() {
    byte[] id = new byte[4];
    bb.get(4, id);
    return new String(id, StandardCharsets.US_ASCII);
  }

  int vtable(int table) {
    return table - bb.getInt(table);
  }

  /** The absolute position of field {@code id} of the table at {@code table}, or 0 if absent. */
  int field(int table, int id) {
    int vt = vtable(table);
    int vtSize = bb.getShort(vt);
    int entry = 4 + 2 * id;
    if (entry >= vtSize) {
      return 0;
    }
    int off = bb.getShort(vt + entry);
    return off == 0 ? 0 : table + off;
  }

  int intField(int table, int id, int dflt) {
    int p = field(table, id);
    return p == 0 ? dflt : bb.getInt(p);
  }

  int byteField(int table, int id, int dflt) {
    int p = field(table, id);
    return p == 0 ? dflt : bb.get(p);
  }

  float floatField(int table, int id, float dflt) {
    int p = field(table, id);
    return p == 0 ? dflt : bb.getFloat(p);
  }

  /** Follows the uoffset stored at {@code p}. */
  int deref(int p) {
    return p + bb.getInt(p);
  }

  /** The target of a reference field, or 0 when the field is absent. */
  int refField(int table, int id) {
    int p = field(table, id);
    return p == 0 ? 0 : deref(p);
  }

  int vectorLength(int vector) {
    return bb.getInt(vector);
  }

  int vectorBody(int vector) {
    return vector + 4;
  }

  int[] intVector(int vector) {
    int[] out = new int[vectorLength(vector)];
    for (int i = 0; i < out.length; i++) {
      out[i] = bb.getInt(vectorBody(vector) + 4 * i);
    }
    return out;
  }

  long[] longVector(int vector) {
    long[] out = new long[vectorLength(vector)];
    for (int i = 0; i < out.length; i++) {
      out[i] = bb.getLong(vectorBody(vector) + 8 * i);
    }
    return out;
  }

  float[] floatVector(int vector) {
    float[] out = new float[vectorLength(vector)];
    for (int i = 0; i < out.length; i++) {
      out[i] = bb.getFloat(vectorBody(vector) + 4 * i);
    }
    return out;
  }

  byte[] byteVector(int vector) {
    byte[] out = new byte[vectorLength(vector)];
    bb.get(vectorBody(vector), out);
    return out;
  }

  /** Element i of a vector of tables or strings. */
  int refElement(int vector, int i) {
    return deref(vectorBody(vector) + 4 * i);
  }

  String string(int s) {
    byte[] b = byteVector(s);
    if (bb.get(vectorBody(s) + b.length) != 0) {
      throw new AssertionError("string at " + s + " is not zero-terminated");
    }
    return new String(b, StandardCharsets.UTF_8);
  }
}
