package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;

/** SQUEEZE: drops size-1 dimensions; the data is unchanged, so it is a copy (see {@link Reshape}). */
final class Squeeze implements Kernel {
  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    return Reshape.copy(node, node.requireInput(0), node.requireOutput(0));
  }
}
