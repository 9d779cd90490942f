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
 * CONV_2D (tensorflow/lite/kernels/conv.cc) over NHWC input and {@code [outC, fh, fw, inC]}
 * filters: FP32; INT8 with per-tensor or per-channel filter scales (filter zero point 0) and INT32
 * bias; 16x8 with INT64 bias. INT8 requantizes as the builtin optimized kernel does through ruy
 * (single rounding) and runs {@link FastConv}; 16x8 rounds as TensorFlow Lite's reference kernel.
 * Grouped convolution and hybrid (FP32 input, INT8 filter) models are not supported.
 */
public final class Conv2d implements Kernel {
  // Conv2DOptions field ids
  private static final int PADDING = 0;
  private static final int STRIDE_W = 1;
  private static final int STRIDE_H = 2;
  private static final int FUSED_ACTIVATION = 3;
  private static final int DILATION_W = 4;
  private static final int DILATION_H = 5;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor input = node.requireInput(0, FLOAT32, INT8, INT16);
    Tensor filter = node.requireInput(1, input.type() == FLOAT32 ? new int[] {FLOAT32} : new int[] {INT8});
    Tensor bias = node.input(2);
    Tensor output = node.requireOutput(0, input.type());
    if (filter.rank() != 4 || input.rank() != 4) {
      throw node.unsupported("input and filter must have rank 4");
    }
    if (filter.dim(3) != input.dim(3)) {
      throw node.unsupported("the filter has " + filter.dim(3) + " input channels and the input " + input.dim(3)
          + "; grouped convolution is not supported");
    }
    int outC = filter.dim(0);
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
        requireBias(node, bias, FLOAT32);
        float[] in = input.float32();
        float[] f = filter.float32();
        float[] b = bias == null ? null : bias.float32();
        float[] out = output.float32();
        float min = act.minF();
        float max = act.maxF();
        return () -> ConvMath.convFloat(g, in, inBase, f, fBase, b, bBase, min, max, out, outBase);
      }
      case INT8 -> {
        requireBias(node, bias, INT32);
        Quantized.requireZeroPoints(node, filter, "filter");
        ChannelMultipliers m = Quantized.perChannel(node, input, filter, output, 0, outC);
        FastConv conv = FastConv.conv(g, filter.int8(), fBase, bias == null ? null : bias.int32(), bBase,
            -input.zeroPoint(), m, output.zeroPoint(), act.min(), act.max());
        byte[] in = input.int8();
        byte[] out = output.int8();
        return () -> conv.run(in, inBase, out, outBase);
      }
      default -> {
        requireBias(node, bias, INT64);
        Quantized.requireZeroPoints(node, input, "input");
        Quantized.requireZeroPoints(node, output, "output");
        Quantized.requireZeroPoints(node, filter, "filter");
        ChannelMultipliers m = Quantized.perChannel(node, input, filter, output, 0, outC);
        short[] in = input.int16();
        byte[] f = filter.int8();
        long[] b = bias == null ? null : bias.int64();
        short[] out = output.int16();
        int[] mult = m.multiplier();
        int[] shift = m.shift();
        int min = act.min();
        int max = act.max();
        return () -> ConvMath.convInt16(g, in, inBase, f, fBase, b, bBase, mult, shift, min, max, out, outBase);
      }
    }
  }

  static void requireBias(Node node, Tensor bias, int type) throws UnsupportedModelException {
    if (bias != null && bias.type() != type) {
      throw node.unsupported("the bias has type " + bias.typeName() + "; this input type needs "
          + dev.edgeinfer.tflite.read.TensorTypes.name(type));
    }
  }
}
