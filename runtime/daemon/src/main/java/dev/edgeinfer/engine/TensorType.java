package dev.edgeinfer.engine;

/** Element types of the tensors edgeinfer exchanges with a model. */
public enum TensorType {
  FLOAT32(4), INT8(1), UINT8(1), INT16(2), INT32(4), INT64(8), BOOL(1);

  private final int bytes;

  TensorType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
