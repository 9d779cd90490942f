package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.read.TensorTypes.FLOAT32;
import static dev.edgeinfer.tflite.read.TensorTypes.INT16;
import static dev.edgeinfer.tflite.read.TensorTypes.INT8;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.ActivationRange;
import dev.edgeinfer.tflite.kernels.ref.ConvGeometry;
import dev.edgeinfer.tflite.kernels.ref.PoolMath;

/**
 * What AVERAGE_POOL_2D and MAX_POOL_2D share (tensorflow/lite/kernels/pooling.cc): Pool2DOptions,
 * FP32/INT8/INT16 tensors, and the rule that a quantized input and output share scale and zero
 * point (INT16 with zero point 0).
 */
final class Pooling {
  // Pool2DOptions field ids
  private static final int PADDING = 0;
  private static final int STRIDE_W = 1;
  private static final int STRIDE_H = 2;
  private static final int FILTER_W = 3;
  private static final int FILTER_H = 4;
  private static final int FUSED_ACTIVATION = 5;

  private Pooling() {}

  static Op prepare(Node node, boolean average) throws UnsupportedModelException {
    Tensor input = node.requireInput(0, FLOAT32, INT8, INT16);
    Tensor output = node.requireOutput(0, input.type());
    ConvGeometry g = Windows.geometry(node, input, output, node.byteOption(PADDING, (byte) 0), input.rank() == 4
        ? input.dim(3) : 0, node.intOption(FILTER_H, 0), node.intOption(FILTER_W, 0), node.intOption(STRIDE_H, 0),
        node.intOption(STRIDE_W, 0), 1, 1);
    ActivationRange act = ActivationRange.of(node, node.byteOption(FUSED_ACTIVATION, (byte) 0), output);
    int inBase = input.offset();
    int outBase = output.offset();
    if (input.type() == FLOAT32) {
      float[] in = input.float32();
      float[] out = output.float32();
      float min = act.minF();
      float max = act.maxF();
      return average
          ? () -> PoolMath.averageFloat(g, in, inBase, min, max, out, outBase)
          : () -> PoolMath.maxFloat(g, in, inBase, min, max, out, outBase);
    }
    if (input.scale() != output.scale() || input.zeroPoint() != output.zeroPoint()) {
      throw node.unsupported("input and output must share scale and zero point");
    }
    if (input.type() == INT16) {
      Quantized.requireZeroPoints(node, input, "input");
    }
    Object in = input.type() == INT8 ? input.int8() : input.int16();
    Object out = output.type() == INT8 ? output.int8() : output.int16();
    int min = act.min();
    int max = act.max();
    return () -> PoolMath.quantized(average, g, in, inBase, min, max, out, outBase);
  }
}
