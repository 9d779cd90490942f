package dev.edgeinfer.tflite.read;

/**
 * An operator's builtin options table, read field by field with bounds checks. {@link #type()}
 * is the schema's {@code BuiltinOptions} union code (0 when the operator has no options); field
 * ids are those of the options table in tflite-schema.fbs. An absent field reads as its default.
 *
 * <p>Kernels read options once, when they prepare; immutable and thread-safe.
 */
public final class BuiltinOptions {
  static final BuiltinOptions NONE = new BuiltinOptions(null, -1, 0, "");

  private final FlatBufferView fb;
  private final int table;
  private final int type;
  private final String where;

  BuiltinOptions(FlatBufferView fb, int table, int type, String where) {
    this.fb = fb;
    this.table = table;
    this.type = type;
    this.where = where;
  }

  public int type() {
    return type;
  }

  public boolean isPresent() {
    return table >= 0;
  }

  public int getInt(int field, int defaultValue) throws ModelFormatException {
    return table < 0 ? defaultValue : fb.intField(table, field, defaultValue, where);
  }

  public byte getByte(int field, byte defaultValue) throws ModelFormatException {
    return table < 0 ? defaultValue : fb.byteField(table, field, defaultValue, where);
  }

  public boolean getBool(int field, boolean defaultValue) throws ModelFormatException {
    return table < 0 ? defaultValue : fb.byteField(table, field, (byte) (defaultValue ? 1 : 0), where) != 0;
  }

  public float getFloat(int field, float defaultValue) throws ModelFormatException {
    return table < 0 ? defaultValue
        : Float.intBitsToFloat(fb.intField(table, field, Float.floatToRawIntBits(defaultValue), where));
  }

  /** An {@code [int]} field, or an empty array when absent. */
  public int[] getInts(int field, int limit) throws ModelFormatException {
    if (table < 0) {
      return new int[0];
    }
    int vector = fb.refField(table, field, where);
    if (vector < 0) {
      return new int[0];
    }
    int[] values = new int[fb.vectorLength(vector, 4, limit, where)];
    for (int i = 0; i < values.length; i++) {
      values[i] = fb.intAt(vector, i);
    }
    return values;
  }
}
