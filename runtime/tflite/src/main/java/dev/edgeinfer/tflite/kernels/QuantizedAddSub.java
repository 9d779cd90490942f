package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.ActivationRange;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;

/**
 * INT8 ADD and SUB as TensorFlow Lite computes them (add.cc / sub.cc Prepare, AddElementwiseInt8,
 * SubElementwise): left shift 20, input multipliers relative to twice the larger input scale
 * (computed in float, then double), output multiplier {@code 2*max_scale / (2^20 * out_scale)}.
 */
final class QuantizedAddSub {
  private static final int LEFT_SHIFT = 20;
  /** From this many output elements on, a 64 KiB table of every input pair's result pays off. */
  static final int TABLE_MIN = 4096;

  private QuantizedAddSub() {}

  static Op prepare(Node node, BinaryOperands b, ActivationRange range, boolean subtract)
      throws UnsupportedModelException {
    Tensor in1 = b.in1;
    Tensor in2 = b.in2;
    Tensor out = b.out;
    if (in1.scale() <= 0 || in2.scale() <= 0 || out.scale() <= 0) {
      throw node.unsupported("INT8 tensors need positive scales");
    }
    float twiceMax = 2 * Math.max(in1.scale(), in2.scale());
    FixedPoint.Multiplier m1 = FixedPoint.quantizeMultiplier(in1.scale() / (double) twiceMax);
    FixedPoint.Multiplier m2 = FixedPoint.quantizeMultiplier(in2.scale() / (double) twiceMax);
    FixedPoint.Multiplier mo = FixedPoint.quantizeMultiplier(twiceMax / (double) ((1 << LEFT_SHIFT) * out.scale()));
    int off1 = -in1.zeroPoint();
    int off2 = -in2.zeroPoint();
    int outOff = out.zeroPoint();
    int lo = range.min();
    int hi = range.max();
    int n = b.size;
    int[] map1 = b.map1;
    int[] map2 = b.map2;
    int sign = subtract ? -1 : 1;
    int mul1 = m1.multiplier(), sh1 = m1.shift(), mul2 = m2.multiplier(), sh2 = m2.shift();
    int mulO = mo.multiplier(), shO = mo.shift();
    // Each output element depends only on the two input bytes: tabulate them (bit-exact by construction).
    int[] t1 = new int[256];
    int[] t2 = new int[256];
    for (int v = -128; v < 128; v++) {
      t1[v & 0xff] = FixedPoint.multiplyByQuantizedMultiplier((off1 + v) * (1 << LEFT_SHIFT), mul1, sh1);
      t2[v & 0xff] = sign * FixedPoint.multiplyByQuantizedMultiplier((off2 + v) * (1 << LEFT_SHIFT), mul2, sh2);
    }
    if (n >= TABLE_MIN) {
      byte[] table = new byte[256 * 256];
      for (int a = 0; a < 256; a++) {
        for (int c = 0; c < 256; c++) {
          int raw = FixedPoint.multiplyByQuantizedMultiplier(t1[a] + t2[c], mulO, shO) + outOff;
          table[a << 8 | c] = (byte) Math.min(hi, Math.max(lo, raw));
        }
      }
      if (map1 == null && map2 == null) {
        return () -> {
          byte[] x = in1.int8();
          byte[] y = in2.int8();
          byte[] z = out.int8();
          int o1 = in1.offset();
          int o2 = in2.offset();
          int o = out.offset();
          for (int i = 0; i < n; i++) {
            z[o + i] = table[(x[o1 + i] & 0xff) << 8 | (y[o2 + i] & 0xff)];
          }
        };
      }
      return () -> {
        byte[] x = in1.int8();
        byte[] y = in2.int8();
        byte[] z = out.int8();
        int o1 = in1.offset();
        int o2 = in2.offset();
        int o = out.offset();
        for (int i = 0; i < n; i++) {
          int a = x[o1 + (map1 == null ? i : map1[i])] & 0xff;
          int c = y[o2 + (map2 == null ? i : map2[i])] & 0xff;
          z[o + i] = table[a << 8 | c];
        }
      };
    }
    return () -> {
      byte[] x = in1.int8();
      byte[] y = in2.int8();
      byte[] z = out.int8();
      int o1 = in1.offset();
      int o2 = in2.offset();
      int o = out.offset();
      for (int i = 0; i < n; i++) {
        int a = off1 + x[o1 + (map1 == null ? i : map1[i])];
        int c = off2 + y[o2 + (map2 == null ? i : map2[i])];
        int sa = FixedPoint.multiplyByQuantizedMultiplier(a * (1 << LEFT_SHIFT), mul1, sh1);
        int sc = FixedPoint.multiplyByQuantizedMultiplier(c * (1 << LEFT_SHIFT), mul2, sh2);
        int raw = FixedPoint.multiplyByQuantizedMultiplier(sa + sign * sc, mulO, shO) + outOff;
        z[o + i] = (byte) Math.min(hi, Math.max(lo, raw));
      }
    };
  }
}
