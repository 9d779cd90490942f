package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;

/** EXPAND_DIMS: inserts a size-1 dimension; the data is unchanged, so it is a copy (see {@link Reshape}). */
final class ExpandDims implements Kernel {
  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    return Reshape.copy(node, node.requireInput(0), node.requireOutput(0));
  }
}
