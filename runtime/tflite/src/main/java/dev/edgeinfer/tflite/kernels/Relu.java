package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * RELU and RELU6 (the upper bound is the only difference): FLOAT32, and INT8 as QuantizedReluX in
 * activations.cc: requantize {@code x - in_zp} by {@code in_scale / out_scale}, add the output
 * zero point, clamp to the quantized [0, upper] (roundf of bound / out_scale) and the type range.
 * As a table: 256 entries computed in prepare with that arithmetic.
 */
final class Relu implements Kernel {
  private final float upper;

  Relu(float upper) {
    this.upper = upper;
  }

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8);
    Tensor out = node.requireOutput(0, in.type());
    UnaryLookup.requireSameShape(node, in, out);
    float hi = upper;
    if (in.type() == TensorTypes.FLOAT32) {
      return UnaryLookup.floatMap(in, out, x -> Math.min(hi, Math.max(0f, x)));
    }
    return UnaryLookup.int8Table(in, out, table(in.scale(), in.zeroPoint(), out.scale(), out.zeroPoint(), upper));
  }

  static byte[] table(float inScale, int inZp, float outScale, int outZp, float upper) {
    // TensorFlow Lite divides the two float scales in float, then widens: 7/6 is not 1.16666663f.
    FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(inScale / outScale);
    int qmin = Math.max(-128, outZp + FixedPoint.roundHalfAwayFromZero(0f / outScale));
    int qmax = Float.isInfinite(upper) ? 127 : Math.min(127, outZp + FixedPoint.roundHalfAwayFromZero(upper / outScale));
    byte[] table = new byte[256];
    for (int v = -128; v <= 127; v++) {
      int q = outZp + m.apply(v - inZp);
      table[v + 128] = (byte) Math.min(qmax, Math.max(qmin, q));
    }
    return table;
  }
}
