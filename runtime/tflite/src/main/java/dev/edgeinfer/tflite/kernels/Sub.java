package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.ActivationRange;
import dev.edgeinfer.tflite.read.TensorTypes;

/** SUB with broadcasting: FLOAT32, and INT8 with the same rescaling as {@link Add} (sub.cc). */
final class Sub implements Kernel {
  private static final int ACTIVATION = 0;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    BinaryOperands b = new BinaryOperands(node, TensorTypes.FLOAT32, TensorTypes.INT8);
    ActivationRange range = ActivationRange.of(node, node.byteOption(ACTIVATION, (byte) 0), b.out);
    if (b.out.type() == TensorTypes.FLOAT32) {
      return ElementwiseFloat.binary(b, range, (x, y) -> x - y);
    }
    return QuantizedAddSub.prepare(node, b, range, true);
  }
}
