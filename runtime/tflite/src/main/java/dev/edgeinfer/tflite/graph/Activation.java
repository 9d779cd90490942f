package dev.edgeinfer.tflite.graph;

/** A fused activation, with the codes of {@code enum ActivationFunctionType} in the schema. */
public enum Activation {
  NONE(0),
  RELU(1),
  RELU_N1_TO_1(2),
  RELU6(3);

  private final int schemaCode;

  Activation(int schemaCode) {
    this.schemaCode = schemaCode;
  }

  public int schemaCode() {
    return schemaCode;
  }
}
