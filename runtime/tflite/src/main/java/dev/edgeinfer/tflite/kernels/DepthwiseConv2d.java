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
import dev.edgeinfer.tflite.kernels.ref.ConvGeometry;
import dev.edgeinfer.tflite.kernels.ref.ConvMath;
import dev.edgeinfer.tflite.kernels.ref.FastConv;

/**
 * DEPTHWISE_CONV_2D (tensorflow/lite/kernels/depthwise_conv.cc) over NHWC input and
 * {@code [1, fh, fw, outC]} filters, {@code outC = inC * multiplier}: FP32; INT8 with per-tensor
 * or per-channel filter scales along dimension 3 (filter zero point 0) and INT32 bias; 16x8 with
 * INT64 bias. The depth_multiplier option is ignored, as TensorFlow Lite does: the filter's shape
 * decides. INT8 keeps the reference's double rounding, as TensorFlow Lite's optimized depthwise
 * kernel does, and runs {@link FastConv}.
 */
public final class DepthwiseConv2d implements Kernel {
  // DepthwiseConv2DOptions field ids
  private static final int PADDING = 0;
  private static final int STRIDE_W = 1;
  private static final int STRIDE_H = 2;
  private static final int FUSED_ACTIVATION = 4;
  private static final int DILATION_W = 5;
  private static final int DILATION_H = 6;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor input = node.requireInput(0, FLOAT32, INT8, INT16);
    Tensor filter = node.requireInput(1, input.type() == FLOAT32 ? new int[] {FLOAT32} : new int[] {INT8});
    Tensor bias = node.input(2);
    Tensor output = node.requireOutput(0, input.type());
    if (filter.rank() != 4 || filter.dim(0) != 1 || input.rank() != 4) {
      throw node.unsupported("the filter must be [1, height, width, channels] and the input rank 4");
    }
    int outC = filter.dim(3);
    if (input.dim(3) == 0 || outC % input.dim(3) != 0) {
      throw node.unsupported("filter channels " + outC + " are not a multiple of input channels " + input.dim(3));
    }
    ConvGeometry g = Windows.geometry(node, input, output, node.byteOption(PADDING, (byte) 0), outC, filter.dim(1),
        filter.dim(2), node.intOption(STRIDE_H, 1), node.intOption(STRIDE_W, 1), node.intOption(DILATION_H, 1),
        node.intOption(DILATION_W, 1));
    if (bias != null && bias.size() != outC) {
      throw node.unsupported("the bias has " + bias.size() + " elements; expected " + outC);
    }
    ActivationRange act = ActivationRange.of(node, node.byteOption(FUSED_ACTIVATION, (byte) 0), output);
    int inBase = input.offset();
    int fBase = filter.offset();
    int bBase = bias == null ? 0 : bias.offset();
    int outBase = output.offset();
    switch (input.type()) {
      case FLOAT32 -> {
        Conv2d.requireBias(node, bias, FLOAT32);
        float[] in = input.float32();
        float[] f = filter.float32();
        float[] b = bias == null ? null : bias.float32();
        float[] out = output.float32();
        float min = act.minF();
        float max = act.maxF();
        return () -> ConvMath.depthwiseFloat(g, in, inBase, f, fBase, b, bBase, min, max, out, outBase);
      }
      case INT8 -> {
        Conv2d.requireBias(node, bias, INT32);
        Quantized.requireZeroPoints(node, filter, "filter");
        ChannelMultipliers m = Quantized.perChannel(node, input, filter, output, 3, outC);
        FastConv conv = FastConv.depthwise(g, filter.int8(), fBase, bias == null ? null : bias.int32(), bBase,
            -input.zeroPoint(), m, output.zeroPoint(), act.min(), act.max());
        byte[] in = input.int8();
        byte[] out = output.int8();
        return () -> conv.run(in, inBase, out, outBase);
      }
      default -> {
        Conv2d.requireBias(node, bias, INT64);
        Quantized.requireZeroPoints(node, input, "input");
        Quantized.requireZeroPoints(node, output, "output");
        Quantized.requireZeroPoints(node, filter, "filter");
        ChannelMultipliers m = Quantized.perChannel(node, input, filter, output, 3, outC);
        short[] in = input.int16();
        byte[] f = filter.int8();
        long[] b = bias == null ? null : bias.int64();
        short[] out = output.int16();
        int[] mult = m.multiplier();
        int[] shift = m.shift();
        int min = act.min();
        int max = act.max();
        return () -> ConvMath.depthwiseInt16(g, in, inBase, f, fBase, b, bBase, mult, shift, min, max, out, outBase);
      }
    }
  }
}
