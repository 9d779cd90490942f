package dev.edgeinfer.tflite.read;

/**
 * A tensor as the file declares it. {@code scales}/{@code zeroPoints} are empty for an unquantized
 * tensor and have one entry per channel of {@code quantizedDimension} for a per-channel one.
 * {@code type} is the schema's {@code TensorType} code (see {@link TensorTypes}).
 */
public record TensorDescription(int index, String name, int type, int[] shape, int buffer, long dataBytes,
    float[] scales, long[] zeroPoints, int quantizedDimension, boolean variable) {

  public String typeName() {
    return TensorTypes.name(type);
  }

  public boolean isConstant() {
    return dataBytes > 0;
  }
}
