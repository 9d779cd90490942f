package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.ConvGeometry;

/** Reads and checks the geometry of a windowed NHWC op (convolution, depthwise convolution, pooling). */
final class Windows {
  private Windows() {}

  static ConvGeometry geometry(Node node, Tensor input, Tensor output, int padding, int outC, int filterH,
      int filterW, int strideH, int strideW, int dilationH, int dilationW) throws UnsupportedModelException {
    if (input.rank() != 4 || output.rank() != 4) {
      throw node.unsupported("input and output must have rank 4 (NHWC)");
    }
    if (padding != ConvGeometry.SAME && padding != ConvGeometry.VALID) {
      throw node.unsupported("padding " + padding + " is neither SAME (0) nor VALID (1)");
    }
    if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || filterH < 1 || filterW < 1) {
      throw node.unsupported("strides, dilations and filter sizes must be at least 1");
    }
    ConvGeometry g = ConvGeometry.of(padding, input.dim(0), input.dim(1), input.dim(2), input.dim(3), outC, filterH,
        filterW, strideH, strideW, dilationH, dilationW);
    if (output.dim(0) != g.batches() || output.dim(1) != g.outH() || output.dim(2) != g.outW()
        || output.dim(3) != outC) {
      throw node.unsupported("output shape " + java.util.Arrays.toString(output.shape()) + " does not match ["
          + g.batches() + ", " + g.outH() + ", " + g.outW() + ", " + outC + "] from the input, filter and options");
    }
    return g;
  }
}
