package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.Gather;

/**
 * RESHAPE (and the same copy for SQUEEZE and EXPAND_DIMS): the output shape is fixed in the model
 * (the shape input or option only restates it), so the kernel checks that element count and type
 * agree and copies the data, row-major order being unchanged. Any element type.
 */
final class Reshape implements Kernel {

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0);
    Tensor out = node.requireOutput(0);
    return copy(node, in, out);
  }

  static Op copy(Node node, Tensor in, Tensor out) throws UnsupportedModelException {
    if (in.type() != out.type()) {
      throw node.unsupported("input is " + in.typeName() + " but output is " + out.typeName());
    }
    if (!Gather.storable(in.type())) {
      throw node.unsupported("type " + in.typeName() + " is not supported");
    }
    if (in.size() != out.size()) {
      throw node.unsupported("input has " + in.size() + " elements but output has " + out.size());
    }
    int n = in.size();
    return () -> System.arraycopy(Gather.array(in), in.offset(), Gather.array(out), out.offset(), n);
  }
}
