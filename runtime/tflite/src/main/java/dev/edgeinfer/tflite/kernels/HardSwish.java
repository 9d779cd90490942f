package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.read.TensorTypes;

/** HARD_SWISH, FLOAT32: {@code x * min(6, max(0, x + 3)) / 6}. INT8 is not implemented yet and fails at load. */
final class HardSwish implements Kernel {
  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32);
    Tensor out = node.requireOutput(0, TensorTypes.FLOAT32);
    UnaryLookup.requireSameShape(node, in, out);
    return UnaryLookup.floatMap(in, out, x -> x * Math.min(6f, Math.max(0f, x + 3f)) / 6f);
  }
}
