package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.LookupTables;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * LOGISTIC: FLOAT32, and INT8 through the 256-entry table the builtin kernel builds in
 * SigmoidPrepare (kGenericOptimized: LUTPopulate of {@code 1 / (1 + expf(-x))}); the output must
 * have scale 1/256 as there.
 */
final class Logistic implements Kernel {
  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8);
    Tensor out = node.requireOutput(0, in.type());
    UnaryLookup.requireSameShape(node, in, out);
    if (in.type() == TensorTypes.FLOAT32) {
      return UnaryLookup.floatMap(in, out, x -> 1f / (1f + (float) Math.exp(-x)));
    }
    if (out.scale() != 1f / 256) {
      throw node.unsupported("an INT8 output needs scale 1/256, has " + out.scale());
    }
    return UnaryLookup.int8Table(in, out, LookupTables::logistic);
  }
}
