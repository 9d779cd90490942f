package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.kernels.ref.ActivationRange;

/** The FLOAT32 binary loop shared by ADD, SUB and MUL: f(a, b) clamped to the fused activation's range. */
final class ElementwiseFloat {
  private ElementwiseFloat() {}

  interface FloatBinary {
    float apply(float x, float y);
  }

  static Op binary(BinaryOperands b, ActivationRange range, FloatBinary f) {
    Tensor in1 = b.in1;
    Tensor in2 = b.in2;
    Tensor out = b.out;
    float lo = range.minF();
    float hi = range.maxF();
    int n = b.size;
    int[] m1 = b.map1;
    int[] m2 = b.map2;
    return () -> {
      float[] x = in1.float32();
      float[] y = in2.float32();
      float[] z = out.float32();
      int o1 = in1.offset();
      int o2 = in2.offset();
      int o = out.offset();
      if (m1 == null) {
        for (int i = 0; i < n; i++) {
          z[o + i] = Math.min(hi, Math.max(lo, f.apply(x[o1 + i], y[o2 + i])));
        }
      } else {
        for (int i = 0; i < n; i++) {
          z[o + i] = Math.min(hi, Math.max(lo, f.apply(x[o1 + m1[i]], y[o2 + m2[i]])));
        }
      }
    };
  }
}
