package dev.edgeinfer.tflite.interp;

import dev.edgeinfer.tflite.read.TensorTypes;
import java.util.Arrays;

/**
 * A tensor as the interpreter holds it: type, shape, quantization, and its data, which lives in
 * a typed Java array ({@code byte[]} for INT8/UINT8/BOOL, {@code short[]} for INT16, {@code int[]}
 * for INT32, {@code float[]} for FLOAT32, {@code long[]} for INT64) starting at {@link #offset()}.
 * Activations share arena arrays (the memory planner decides who overlaps whom); constants and
 * variables have arrays of their own.
 *
 * <p>Kernels read the array and offset once in {@code prepare} and index it directly in
 * {@code eval}: plain array loops are what the JIT vectorizes.
 */
public final class Tensor {
  private final int index;
  private final String name;
  private final int type;
  private final int[] shape;
  private final int size;
  private final float[] scales;
  private final long[] zeroPoints;
  private final int quantizedDimension;
  private final boolean constant;
  private final boolean variable;

  private Object data;
  private int offset;

  Tensor(int index, String name, int type, int[] shape, float[] scales, long[] zeroPoints, int quantizedDimension,
      boolean constant, boolean variable) {
    this.index = index;
    this.name = name;
    this.type = type;
    this.shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    this.size = (int) n;
    this.scales = scales.clone();
    this.zeroPoints = zeroPoints.clone();
    this.quantizedDimension = quantizedDimension;
    this.constant = constant;
    this.variable = variable;
  }

  /** The storage class of a tensor type, or null when the engine cannot hold it. */
  static Class<?> storageOf(int type) {
    return switch (type) {
      case TensorTypes.INT8, TensorTypes.UINT8, TensorTypes.BOOL -> byte[].class;
      case TensorTypes.INT16 -> short[].class;
      case TensorTypes.INT32 -> int[].class;
      case TensorTypes.FLOAT32 -> float[].class;
      case TensorTypes.INT64 -> long[].class;
      default -> null;
    };
  }

  void assign(Object array, int offset) {
    this.data = array;
    this.offset = offset;
  }

  Object data() {
    return data;
  }

  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  /** The schema's TensorType code ({@link TensorTypes}). */
  public int type() {
    return type;
  }

  public String typeName() {
    return TensorTypes.name(type);
  }

  public int rank() {
    return shape.length;
  }

  public int dim(int i) {
    return shape[i];
  }

  public int[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public int size() {
    return size;
  }

  public int byteSize() {
    return size * TensorTypes.elementBytes(type);
  }

  public boolean isQuantized() {
    return scales.length > 0;
  }

  /** The (first) scale; 0 when unquantized. */
  public float scale() {
    return scales.length == 0 ? 0f : scales[0];
  }

  /** The (first) zero point; 0 when unquantized. */
  public int zeroPoint() {
    return zeroPoints.length == 0 ? 0 : (int) zeroPoints[0];
  }

  public float[] scales() {
    return scales.clone();
  }

  public long[] zeroPoints() {
    return zeroPoints.clone();
  }

  public int quantizedDimension() {
    return quantizedDimension;
  }

  public boolean isConstant() {
    return constant;
  }

  /** A variable (state) tensor: LSTM and SVDF keep their state here between invocations. */
  public boolean isVariable() {
    return variable;
  }

  public int offset() {
    return offset;
  }

  public byte[] int8() {
    return (byte[]) data;
  }

  public short[] int16() {
    return (short[]) data;
  }

  public int[] int32() {
    return (int[]) data;
  }

  public float[] float32() {
    return (float[]) data;
  }

  public long[] int64() {
    return (long[]) data;
  }

  @Override
  public String toString() {
    return "tensor " + index + " \"" + name + "\" " + typeName() + Arrays.toString(shape);
  }
}
