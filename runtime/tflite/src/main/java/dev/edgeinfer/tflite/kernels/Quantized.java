package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.ChannelMultipliers;

/** Quantization checks shared by the filter kernels (FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D). */
final class Quantized {
  private Quantized() {}

  /**
   * The filter's scales, one per output channel along {@code channelDim} or a single per-tensor
   * scale; fails when they are missing, non-positive, or their count matches neither.
   */
  static float[] filterScales(Node node, Tensor filter, int channelDim) throws UnsupportedModelException {
    float[] scales = filter.scales();
    if (scales.length == 0) {
      throw node.unsupported("the filter has no quantization scale");
    }
    if (scales.length > 1 && (filter.quantizedDimension() != channelDim || scales.length != filter.dim(channelDim))) {
      throw node.unsupported("the filter has " + scales.length + " scales along dimension "
          + filter.quantizedDimension() + "; expected one, or one per output channel along dimension " + channelDim);
    }
    for (float s : scales) {
      if (!(s > 0f)) {
        throw node.unsupported("the filter has a non-positive scale " + s);
      }
    }
    return scales;
  }

  /** Per-channel multipliers with the effective scale in double, as conv and depthwise compute it. */
  static ChannelMultipliers perChannel(Node node, Tensor input, Tensor filter, Tensor output, int channelDim,
      int channels) throws UnsupportedModelException {
    requireScale(node, input, "input");
    requireScale(node, output, "output");
    return ChannelMultipliers.inDouble(input.scale(), filterScales(node, filter, channelDim), output.scale(), channels);
  }

  static void requireScale(Node node, Tensor t, String what) throws UnsupportedModelException {
    if (!(t.scale() > 0f)) {
      throw node.unsupported("the " + what + " has no positive quantization scale");
    }
  }

  static void requireZeroPoints(Node node, Tensor t, String what) throws UnsupportedModelException {
    for (long zp : t.zeroPoints()) {
      if (zp != 0) {
        throw node.unsupported("the " + what + " has zero point " + zp + "; this kernel needs 0");
      }
    }
  }

}
