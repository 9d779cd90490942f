package dev.edgeinfer.tflite.kernels.ref;

/**
 * The shape of a 2-D window op over NHWC data (convolution, depthwise convolution, pooling): sizes,
 * strides, dilations and the leading padding, computed as TensorFlow Lite's padding.h does (SAME:
 * {@code ceil(in / stride)} outputs; VALID: only windows fully inside; the total padding split with
 * the odd pixel at the end).
 */
public record ConvGeometry(int batches, int inH, int inW, int inC, int outH, int outW, int outC,
    int filterH, int filterW, int strideH, int strideW, int dilationH, int dilationW, int padH, int padW) {

  public static final int SAME = 0;
  public static final int VALID = 1;

  /** ComputeOutSize: the output extent for one spatial dimension, or 0 for an unknown padding. */
  public static int outSize(int padding, int in, int filter, int stride, int dilation) {
    int effectiveFilter = (filter - 1) * dilation + 1;
    return switch (padding) {
      case SAME -> (in + stride - 1) / stride;
      case VALID -> (in + stride - effectiveFilter) / stride;
      default -> 0;
    };
  }

  /** The padding before the first input pixel (ComputePaddingWithOffset, without the offset). */
  public static int leadingPad(int in, int filter, int stride, int dilation, int out) {
    int effectiveFilter = (filter - 1) * dilation + 1;
    int total = (out - 1) * stride + effectiveFilter - in;
    return Math.max(total, 0) / 2;
  }

  public static ConvGeometry of(int padding, int batches, int inH, int inW, int inC, int outC, int filterH,
      int filterW, int strideH, int strideW, int dilationH, int dilationW) {
    int outH = outSize(padding, inH, filterH, strideH, dilationH);
    int outW = outSize(padding, inW, filterW, strideW, dilationW);
    return new ConvGeometry(batches, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH, strideW,
        dilationH, dilationW, leadingPad(inH, filterH, strideH, dilationH, outH),
        leadingPad(inW, filterW, strideW, dilationW, outW));
  }

  public int depthMultiplier() {
    return outC / inC;
  }
}
