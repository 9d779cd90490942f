package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.LookupTables;
import dev.edgeinfer.tflite.read.TensorTypes;

/** TANH: FLOAT32, and INT8 through the 256-entry table of TanhPrepare (LUTPopulate of tanhf). */
final class Tanh implements Kernel {
  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8);
    Tensor out = node.requireOutput(0, in.type());
    UnaryLookup.requireSameShape(node, in, out);
    if (in.type() == TensorTypes.FLOAT32) {
      return UnaryLookup.floatMap(in, out, x -> (float) Math.tanh(x));
    }
    return UnaryLookup.int8Table(in, out, LookupTables::tanh);
  }
}
