package dev.edgeinfer.engine;

import java.util.Arrays;

/**
 * What a model's input or output tensor is: element type, shape, and the affine quantization
 * ({@code real = scale * (q - zeroPoint)}); {@code scale} is 0 for an unquantized tensor.
 */
public record TensorInfo(String name, TensorType type, int[] shape, float scale, int zeroPoint) {

  public TensorInfo {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public int elementCount() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  public int byteSize() {
    return elementCount() * type.bytes();
  }

  public boolean isQuantized() {
    return scale != 0f;
  }

  @Override
  public String toString() {
    return name + " " + type.configName() + Arrays.toString(shape)
        + (isQuantized() ? " scale=" + scale + " zeroPoint=" + zeroPoint : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t && name.equals(t.name) && type == t.type && Arrays.equals(shape, t.shape)
        && Float.compare(scale, t.scale) == 0 && zeroPoint == t.zeroPoint;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }
}
