package dev.edgeinfer.tflite.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * One tensor of a subgraph. A constant tensor carries its data (little-endian, row-major, exactly
 * {@code elementCount * type.byteSize()} bytes); an activation has none and is given the empty
 * buffer 0 in the file. Immutable.
 */
public final class Tensor {

  private final String name;
  private final TensorType type;
  private final int[] shape;
  private final byte[] data;
  private final Quantization quantization;

  private Tensor(String name, TensorType type, int[] shape, byte[] data, Quantization quantization) {
    if (name == null || type == null || shape == null) {
      throw new IllegalArgumentException("tensor name, type and shape must not be null");
    }
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("tensor " + name + ": dimensions must be positive: " + Arrays.toString(shape));
      }
    }
    this.name = name;
    this.type = type;
    this.shape = shape.clone();
    if (data != null && data.length != (long) elementCount() * type.byteSize()) {
      throw new IllegalArgumentException("tensor " + name + ": " + data.length + " data bytes for shape "
          + Arrays.toString(shape) + " of " + type + " (expected " + (long) elementCount() * type.byteSize() + ")");
    }
    if (quantization != null && quantization.isPerChannel()) {
      int dim = quantization.quantizedDimension();
      if (dim >= shape.length || shape[dim] != quantization.scales().length) {
        throw new IllegalArgumentException("tensor " + name + ": " + quantization.scales().length
            + " per-channel scales do not match dimension " + dim + " of " + Arrays.toString(shape));
      }
    }
    this.data = data == null ? null : data.clone();
    this.quantization = quantization;
  }

  /** A tensor computed at run time (no buffer). */
  public static Tensor activation(String name, TensorType type, int[] shape, Quantization quantization) {
    return new Tensor(name, type, shape, null, quantization);
  }

  /** A constant tensor with its bytes. */
  public static Tensor constant(String name, TensorType type, int[] shape, byte[] data, Quantization quantization) {
    if (data == null) {
      throw new IllegalArgumentException("constant tensor " + name + " needs data");
    }
    return new Tensor(name, type, shape, data, quantization);
  }

  public static Tensor constantFloat(String name, int[] shape, float[] values) {
    return constant(name, TensorType.FLOAT32, shape, TensorData.fromFloats(values), null);
  }

  public String name() {
    return name;
  }

  public TensorType type() {
    return type;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int dim(int i) {
    return shape[i];
  }

  public int rank() {
    return shape.length;
  }

  public int elementCount() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  public boolean isConstant() {
    return data != null;
  }

  /** The constant's bytes (a copy); empty when this is an activation. */
  public Optional<byte[]> data() {
    return data == null ? Optional.empty() : Optional.of(data.clone());
  }

  public Optional<Quantization> quantization() {
    return Optional.ofNullable(quantization);
  }

  /** The constant's values as floats; only for FLOAT32 constants. */
  public float[] floatData() {
    if (data == null || type != TensorType.FLOAT32) {
      throw new IllegalStateException("tensor " + name + " is not a FLOAT32 constant");
    }
    return TensorData.toFloats(data);
  }
}
