package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.read.TensorTypes.FLOAT32;
import static dev.edgeinfer.tflite.read.TensorTypes.INT16;
import static dev.edgeinfer.tflite.read.TensorTypes.INT32;
import static dev.edgeinfer.tflite.read.TensorTypes.INT64;
import static dev.edgeinfer.tflite.read.TensorTypes.INT8;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.ActivationRange;
import dev.edgeinfer.tflite.kernels.ref.ChannelMultipliers;
import dev.edgeinfer.tflite.kernels.ref.FullyConnectedMath;
import dev.edgeinfer.tflite.kernels.ref.IntMatVec;

/**
 * FULLY_CONNECTED (tensorflow/lite/kernels/fully_connected.cc): FP32; INT8 with per-tensor or
 * per-channel weights and INT32 bias; 16x8 (INT16 activations, INT8 weights, INT64 bias). The input
 * is flattened to {@code [size / depth, depth]}. INT8 requantizes as the builtin kernel does on x86_64
 * ({@link dev.edgeinfer.tflite.kernels.ref.FixedPoint#multiplyByQuantizedMultiplierHalfUp}); 16x8 runs TensorFlow Lite's reference kernel and rounds as it does.
 * Shuffled weights and hybrid (FP32 input, INT8 weights) models are not supported.
 */
public final class FullyConnected implements Kernel {
  // FullyConnectedOptions field ids
  private static final int FUSED_ACTIVATION = 0;
  private static final int WEIGHTS_FORMAT = 1;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor input = node.requireInput(0, FLOAT32, INT8, INT16);
    Tensor weights = node.requireInput(1, input.type() == FLOAT32 ? new int[] {FLOAT32} : new int[] {INT8});
    Tensor bias = node.input(2);
    Tensor output = node.requireOutput(0, input.type());
    if (node.byteOption(WEIGHTS_FORMAT, (byte) 0) != 0) {
      throw node.unsupported("shuffled weights are not supported");
    }
    if (weights.rank() != 2) {
      throw node.unsupported("the weights have rank " + weights.rank() + "; expected 2");
    }
    int outDepth = weights.dim(0);
    int depth = weights.dim(1);
    if (depth == 0 || input.size() % depth != 0) {
      throw node.unsupported("input size " + input.size() + " is not a multiple of the weights' depth " + depth);
    }
    int batches = input.size() / depth;
    if (output.size() != batches * outDepth) {
      throw node.unsupported("the output has " + output.size() + " elements; expected " + batches * outDepth);
    }
    if (bias != null && bias.size() != outDepth) {
      throw node.unsupported("the bias has " + bias.size() + " elements; expected " + outDepth);
    }
    ActivationRange act = ActivationRange.of(node, node.byteOption(FUSED_ACTIVATION, (byte) 0), output);
    return switch (input.type()) {
      case FLOAT32 -> prepareFloat(node, input, weights, bias, output, batches, depth, outDepth, act);
      case INT8 -> prepareInt8(node, input, weights, bias, output, batches, depth, outDepth, act);
      default -> prepareInt16(node, input, weights, bias, output, batches, depth, outDepth, act);
    };
  }

  private static Op prepareFloat(Node node, Tensor input, Tensor weights, Tensor bias, Tensor output, int batches,
      int depth, int outDepth, ActivationRange act) throws UnsupportedModelException {
    if (bias != null && bias.type() != FLOAT32) {
      throw node.unsupported("an FP32 fully connected needs an FP32 bias, not " + bias.typeName());
    }
    float[] in = input.float32();
    float[] w = weights.float32();
    float[] b = bias == null ? null : bias.float32();
    float[] out = output.float32();
    int inBase = input.offset();
    int wBase = weights.offset();
    int bBase = bias == null ? 0 : bias.offset();
    int outBase = output.offset();
    float min = act.minF();
    float max = act.maxF();
    if (IntMatVec.fits(outDepth, depth) && weights.isConstant()) {
      float[][] wT = FullyConnectedMath.transposeFloat(w, wBase, depth, outDepth);
      float[] acc = new float[outDepth];
      return () -> FullyConnectedMath.fullyConnectedFloatT(batches, depth, outDepth, in, inBase, wT, b, bBase, min,
          max, out, outBase, acc);
    }
    return () -> FullyConnectedMath.fullyConnectedFloat(batches, depth, outDepth, in, inBase, w, wBase, b, bBase,
        min, max, out, outBase);
  }

  private static Op prepareInt8(Node node, Tensor input, Tensor weights, Tensor bias, Tensor output, int batches,
      int depth, int outDepth, ActivationRange act) throws UnsupportedModelException {
    if (bias != null && bias.type() != INT32) {
      throw node.unsupported("an INT8 fully connected needs an INT32 bias, not " + bias.typeName());
    }
    ChannelMultipliers m = multipliers(node, input, weights, output, outDepth);
    byte[] in = input.int8();
    byte[] w = weights.int8();
    int[] b = bias == null ? null : bias.int32();
    byte[] out = output.int8();
    int inBase = input.offset();
    int wBase = weights.offset();
    int bBase = bias == null ? 0 : bias.offset();
    int outBase = output.offset();
    int inputOffset = -input.zeroPoint();
    int filterOffset = -weights.zeroPoint();
    int outputOffset = output.zeroPoint();
    int[] mult = m.multiplier();
    int[] shift = m.shift();
    int min = act.min();
    int max = act.max();
    if (IntMatVec.fits(outDepth, depth) && weights.isConstant() && (bias == null || bias.isConstant())) {
      IntMatVec mv = new IntMatVec(w, wBase, outDepth, depth, filterOffset, inputOffset, b, bBase);
      int[] acc = new int[outDepth];
      return () -> mv.fullyConnectedInt8(batches, in, inBase, mult, shift, true, outputOffset, min, max, out,
          outBase, acc);
    }
    return () -> FullyConnectedMath.fullyConnectedInt8(batches, depth, outDepth, in, inBase, inputOffset, w, wBase,
        filterOffset, b, bBase, mult, shift, true, outputOffset, min, max, out, outBase);
  }

  private static Op prepareInt16(Node node, Tensor input, Tensor weights, Tensor bias, Tensor output, int batches,
      int depth, int outDepth, ActivationRange act) throws UnsupportedModelException {
    if (bias != null && bias.type() != INT64) {
      throw node.unsupported("a 16x8 fully connected needs an INT64 bias, not " + bias.typeName());
    }
    Quantized.requireZeroPoints(node, input, "input");
    Quantized.requireZeroPoints(node, output, "output");
    ChannelMultipliers m = multipliers(node, input, weights, output, outDepth);
    short[] in = input.int16();
    byte[] w = weights.int8();
    long[] b = bias == null ? null : bias.int64();
    short[] out = output.int16();
    int inBase = input.offset();
    int wBase = weights.offset();
    int bBase = bias == null ? 0 : bias.offset();
    int outBase = output.offset();
    int filterOffset = -weights.zeroPoint();
    int[] mult = m.multiplier();
    int[] shift = m.shift();
    int min = act.min();
    int max = act.max();
    return () -> FullyConnectedMath.fullyConnectedInt16(batches, depth, outDepth, in, inBase, w, wBase,
        filterOffset, b, bBase, mult, shift, 0, min, max, out, outBase);
  }

  /** Per-tensor weights: the float-product multiplier of fully_connected.cc; per-channel: in double. */
  private static ChannelMultipliers multipliers(Node node, Tensor input, Tensor weights, Tensor output, int outDepth)
      throws UnsupportedModelException {
    Quantized.requireScale(node, input, "input");
    Quantized.requireScale(node, output, "output");
    float[] scales = Quantized.filterScales(node, weights, 0);
    if (scales.length == 1) {
      return ChannelMultipliers.floatProduct(input.scale(), scales[0], output.scale(), outDepth);
    }
    Quantized.requireZeroPoints(node, weights, "per-channel weights");
    return ChannelMultipliers.inDouble(input.scale(), scales, output.scale(), outDepth);
  }
}
