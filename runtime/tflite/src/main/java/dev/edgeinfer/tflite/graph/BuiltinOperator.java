package dev.edgeinfer.tflite.graph;

/**
 * The builtin operators the graph can hold, with their {@code enum BuiltinOperator} codes. Adding
 * an operator means a constant here, an {@link OperatorOptions} record when it has options, and
 * a case in the writer's options encoder.
 */
public enum BuiltinOperator {
  DEQUANTIZE(6),
  FULLY_CONNECTED(9),
  SOFTMAX(25),
  QUANTIZE(114);

  private final int code;

  BuiltinOperator(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
