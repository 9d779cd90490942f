package dev.edgeinfer.tflite.graph;

/** Element types of a tensor, with the codes of {@code enum TensorType} in the TFLite schema. */
public enum TensorType {
  FLOAT32(0, 4),
  INT32(2, 4),
  UINT8(3, 1),
  INT64(4, 8),
  INT16(7, 2),
  INT8(9, 1);

  private final int schemaCode;
  private final int byteSize;

  TensorType(int schemaCode, int byteSize) {
    this.schemaCode = schemaCode;
    this.byteSize = byteSize;
  }

  public int schemaCode() {
    return schemaCode;
  }

  public int byteSize() {
    return byteSize;
  }
}
