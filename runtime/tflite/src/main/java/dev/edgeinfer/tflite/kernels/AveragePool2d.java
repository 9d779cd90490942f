package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;

/** AVERAGE_POOL_2D over NHWC: FP32, INT8 and INT16; see {@link Pooling} and {@link dev.edgeinfer.tflite.kernels.ref.PoolMath}. */
public final class AveragePool2d implements Kernel {
  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    return Pooling.prepare(node, true);
  }
}
