package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.ActivationRange;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * MUL with broadcasting: FLOAT32, and INT8 as mul.cc computes it: the product of the offset inputs
 * scaled by {@code s1*s2/s_out} (that product and quotient in float, as there), plus the output
 * zero point, clamped to the fused activation's range.
 */
final class Mul implements Kernel {
  private static final int ACTIVATION = 0;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    BinaryOperands b = new BinaryOperands(node, TensorTypes.FLOAT32, TensorTypes.INT8);
    ActivationRange range = ActivationRange.of(node, node.byteOption(ACTIVATION, (byte) 0), b.out);
    if (b.out.type() == TensorTypes.FLOAT32) {
      return ElementwiseFloat.binary(b, range, (x, y) -> x * y);
    }
    Tensor in1 = b.in1;
    Tensor in2 = b.in2;
    Tensor out = b.out;
    float real = in1.scale() * in2.scale() / out.scale();
    FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(real);
    int mult = m.multiplier();
    int shift = m.shift();
    int off1 = -in1.zeroPoint();
    int off2 = -in2.zeroPoint();
    int outOff = out.zeroPoint();
    int lo = range.min();
    int hi = range.max();
    int n = b.size;
    int[] map1 = b.map1;
    int[] map2 = b.map2;
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
        int raw = outOff + FixedPoint.multiplyByQuantizedMultiplier(a * c, mult, shift);
        z[o + i] = (byte) Math.min(hi, Math.max(lo, raw));
      }
    };
  }
}
