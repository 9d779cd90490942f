package dev.edgeinfer.tflite.kernels.ref;

import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * Element movement for the shape operators, for any element type: a plain copy, or a gather
 * through an index map computed in prepare ({@code out[i] = in[map[i]]}, or a fill value where the
 * map holds -1).
 */
public final class Gather {
  private Gather() {}

  /** The tensor's backing array, whatever its element type. */
  public static Object array(Tensor t) {
    return switch (t.type()) {
      case TensorTypes.INT8, TensorTypes.UINT8, TensorTypes.BOOL -> t.int8();
      case TensorTypes.INT16 -> t.int16();
      case TensorTypes.INT32 -> t.int32();
      case TensorTypes.FLOAT32 -> t.float32();
      case TensorTypes.INT64 -> t.int64();
      default -> throw new IllegalArgumentException(t + ": no storage for " + t.typeName());
    };
  }

  /** True when the engine can hold this type (the shape ops then work on it). */
  public static boolean storable(int type) {
    return switch (type) {
      case TensorTypes.INT8, TensorTypes.UINT8, TensorTypes.BOOL, TensorTypes.INT16, TensorTypes.INT32,
          TensorTypes.FLOAT32, TensorTypes.INT64 -> true;
      default -> false;
    };
  }

  /** out[outOffset + i] = in[inOffset + map[i]], or {@code fill} (in the element's own units) where map[i] < 0. */
  public static void gather(Object in, int inOffset, Object out, int outOffset, int[] map, long fill) {
    if (in instanceof byte[] a) {
      byte[] b = (byte[]) out;
      for (int i = 0; i < map.length; i++) {
        int m = map[i];
        b[outOffset + i] = m < 0 ? (byte) fill : a[inOffset + m];
      }
    } else if (in instanceof short[] a) {
      short[] b = (short[]) out;
      for (int i = 0; i < map.length; i++) {
        int m = map[i];
        b[outOffset + i] = m < 0 ? (short) fill : a[inOffset + m];
      }
    } else if (in instanceof int[] a) {
      int[] b = (int[]) out;
      for (int i = 0; i < map.length; i++) {
        int m = map[i];
        b[outOffset + i] = m < 0 ? (int) fill : a[inOffset + m];
      }
    } else if (in instanceof float[] a) {
      float[] b = (float[]) out;
      float f = Float.intBitsToFloat((int) fill);
      for (int i = 0; i < map.length; i++) {
        int m = map[i];
        b[outOffset + i] = m < 0 ? f : a[inOffset + m];
      }
    } else {
      long[] a = (long[]) in;
      long[] b = (long[]) out;
      for (int i = 0; i < map.length; i++) {
        int m = map[i];
        b[outOffset + i] = m < 0 ? fill : a[inOffset + m];
      }
    }
  }

  /** Row-major strides of a shape. */
  public static int[] strides(int[] shape) {
    int[] s = new int[shape.length];
    int stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = stride;
      stride *= shape[i];
    }
    return s;
  }

  /**
   * Walks {@code shape} in row-major order and gives, for each element, the flat index reached by
   * stepping {@code steps[d]} along each dimension d (0: that dimension repeats the same elements).
   * Transposes, broadcasts and reductions are all such a walk with their own steps.
   */
  public static int[] walk(int[] shape, int[] steps) {
    int rank = shape.length;
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    int[] map = new int[size];
    int[] counter = new int[rank];
    int index = 0;
    for (int k = 0; k < size; k++) {
      map[k] = index;
      for (int d = rank - 1; d >= 0; d--) {
        counter[d]++;
        index += steps[d];
        if (counter[d] < shape[d]) {
          break;
        }
        index -= steps[d] * counter[d];
        counter[d] = 0;
      }
    }
    return map;
  }
}
