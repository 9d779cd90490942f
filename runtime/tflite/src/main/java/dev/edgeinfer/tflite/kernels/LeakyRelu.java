package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * LEAKY_RELU: FLOAT32 ({@code x > 0 ? x : alpha * x}), and INT8 as QuantizeLeakyRelu: the offset
 * input requantized by {@code in_scale / out_scale} when non-negative, by
 * {@code in_scale * alpha / out_scale} otherwise, plus the output zero point, clamped. Tabulated.
 */
final class LeakyRelu implements Kernel {
  private static final int ALPHA = 0;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8);
    Tensor out = node.requireOutput(0, in.type());
    UnaryLookup.requireSameShape(node, in, out);
    float alpha = node.floatOption(ALPHA, 0.2f);
    if (in.type() == TensorTypes.FLOAT32) {
      return UnaryLookup.floatMap(in, out, x -> x > 0 ? x : x * alpha);
    }
    return UnaryLookup.int8Table(in, out, table(in.scale(), in.zeroPoint(), out.scale(), out.zeroPoint(), alpha));
  }

  static byte[] table(float inScale, int inZp, float outScale, int outZp, float alpha) {
    // In float, as TensorFlow Lite computes them, and only then widened to double.
    FixedPoint.Multiplier identity = FixedPoint.quantizeMultiplier(inScale / outScale);
    FixedPoint.Multiplier negative = FixedPoint.quantizeMultiplier(inScale * alpha / outScale);
    byte[] table = new byte[256];
    for (int v = -128; v <= 127; v++) {
      int x = v - inZp;
      int q = outZp + (x >= 0 ? identity.apply(x) : negative.apply(x));
      table[v + 128] = (byte) Math.min(127, Math.max(-128, q));
    }
    return table;
  }
}
