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
