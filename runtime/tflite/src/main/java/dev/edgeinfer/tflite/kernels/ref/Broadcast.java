package dev.edgeinfer.tflite.kernels.ref;

import java.util.Arrays;

/**
 * NumPy-style broadcasting as TensorFlow Lite's binary kernels apply it (shapes aligned at the
 * trailing dimension, a dimension of 1 stretches): for each output element, the flat index of the
 * input element it reads. Computed once in prepare, so eval is a gather loop.
 */
public final class Broadcast {
  private Broadcast() {}

  /** True when {@code in} broadcasts to {@code out} (same rank or lower, each dim equal or 1). */
  public static boolean broadcastsTo(int[] in, int[] out) {
    if (in.length > out.length) {
      return false;
    }
    for (int i = 1; i <= in.length; i++) {
      int d = in[in.length - i];
      if (d != 1 && d != out[out.length - i]) {
        return false;
      }
    }
    return true;
  }

  /** The output shape two inputs broadcast to, or null when they do not. */
  public static int[] shapeOf(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 1; i <= rank; i++) {
      int da = i <= a.length ? a[a.length - i] : 1;
      int db = i <= b.length ? b[b.length - i] : 1;
      if (da != db && da != 1 && db != 1) {
        return null;
      }
      out[rank - i] = da == 1 ? db : da;
    }
    return out;
  }

  /** For each element of {@code out} (row-major), the flat index in {@code in} it reads. */
  public static int[] indexMap(int[] in, int[] out) {
    int rank = out.length;
    int[] strides = new int[rank]; // input stride per output dim, 0 where broadcast
    int stride = 1;
    for (int i = 1; i <= rank; i++) {
      int d = i <= in.length ? in[in.length - i] : 1;
      strides[rank - i] = d == 1 ? 0 : stride;
      stride *= d;
    }
    return Gather.walk(out, strides);
  }

  /** True when the map is the identity (no broadcasting needed). */
  public static boolean isIdentity(int[] map) {
    for (int i = 0; i < map.length; i++) {
      if (map[i] != i) {
        return false;
      }
    }
    return true;
  }

  public static String toString(int[] shape) {
    return Arrays.toString(shape);
  }
}
