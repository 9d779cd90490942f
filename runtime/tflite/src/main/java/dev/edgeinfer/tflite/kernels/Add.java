package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.ActivationRange;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * ADD with broadcasting: FLOAT32, and INT8 with TensorFlow Lite's general rescaling (add.cc,
 * optimized_integer_ops AddElementwiseInt8, same arithmetic when broadcasting): both inputs are
 * shifted left by 20 bits, brought to twice the larger input scale, summed, then scaled to the
 * output, with the fused activation as a clamp.
 */
final class Add implements Kernel {
  private static final int ACTIVATION = 0;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    BinaryOperands b = new BinaryOperands(node, TensorTypes.FLOAT32, TensorTypes.INT8);
    ActivationRange range = ActivationRange.of(node, node.byteOption(ACTIVATION, (byte) 0), b.out);
    if (b.out.type() == TensorTypes.FLOAT32) {
      return ElementwiseFloat.binary(b, range, (x, y) -> x + y);
    }
    return QuantizedAddSub.prepare(node, b, range, false);
  }
}
