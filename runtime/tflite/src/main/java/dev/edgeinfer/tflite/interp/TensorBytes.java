package dev.edgeinfer.tflite.interp;

import dev.edgeinfer.tflite.read.TensorTypes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies a tensor's elements to and from little-endian bytes without allocating (byte-array view
 * var handles compile to plain loads and stores), for engines that stage inputs and outputs as
 * bytes on every invoke.
 */
public final class TensorBytes {
  private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private TensorBytes() {}

  /** Fills {@code t} from {@code src}, which holds at least {@code t.byteSize()} bytes. */
  public static void copyIn(byte[] src, Tensor t) {
    int o = t.offset();
    int n = t.size();
    switch (t.type()) {
      case TensorTypes.INT8, TensorTypes.UINT8, TensorTypes.BOOL -> System.arraycopy(src, 0, t.int8(), o, n);
      case TensorTypes.INT16 -> {
        short[] d = t.int16();
        for (int i = 0; i < n; i++) {
          d[o + i] = (short) SHORTS.get(src, 2 * i);
        }
      }
      case TensorTypes.INT32 -> {
        int[] d = t.int32();
        for (int i = 0; i < n; i++) {
          d[o + i] = (int) INTS.get(src, 4 * i);
        }
      }
      case TensorTypes.FLOAT32 -> {
        float[] d = t.float32();
        for (int i = 0; i < n; i++) {
          d[o + i] = (float) FLOATS.get(src, 4 * i);
        }
      }
      case TensorTypes.INT64 -> {
        long[] d = t.int64();
        for (int i = 0; i < n; i++) {
          d[o + i] = (long) LONGS.get(src, 8 * i);
        }
      }
      default -> throw new IllegalStateException("no storage for " + t.typeName());
    }
  }

  /** Writes {@code t}'s elements into {@code dst} as little-endian bytes. */
  public static void copyOut(Tensor t, byte[] dst) {
    int o = t.offset();
    int n = t.size();
    switch (t.type()) {
      case TensorTypes.INT8, TensorTypes.UINT8, TensorTypes.BOOL -> System.arraycopy(t.int8(), o, dst, 0, n);
      case TensorTypes.INT16 -> {
        short[] s = t.int16();
        for (int i = 0; i < n; i++) {
          SHORTS.set(dst, 2 * i, s[o + i]);
        }
      }
      case TensorTypes.INT32 -> {
        int[] s = t.int32();
        for (int i = 0; i < n; i++) {
          INTS.set(dst, 4 * i, s[o + i]);
        }
      }
      case TensorTypes.FLOAT32 -> {
        float[] s = t.float32();
        for (int i = 0; i < n; i++) {
          FLOATS.set(dst, 4 * i, s[o + i]);
        }
      }
      case TensorTypes.INT64 -> {
        long[] s = t.int64();
        for (int i = 0; i < n; i++) {
          LONGS.set(dst, 8 * i, s[o + i]);
        }
      }
      default -> throw new IllegalStateException("no storage for " + t.typeName());
    }
  }
}
