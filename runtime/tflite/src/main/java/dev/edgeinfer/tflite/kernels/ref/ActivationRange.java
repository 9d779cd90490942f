package dev.edgeinfer.tflite.kernels.ref;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * The clamp range a fused activation (the schema's {@code ActivationFunctionType}) puts on an
 * output: in quantized units for INT8/UINT8/INT16 outputs (CalculateActivationRangeQuantized,
 * quantizing 0, 6, -1 and 1 with the output's float scale), in real units for FLOAT32.
 */
public record ActivationRange(int min, int max, float minF, float maxF) {
  public static final int NONE = 0, RELU = 1, RELU_N1_TO_1 = 2, RELU6 = 3, TANH = 4, SIGN_BIT = 5;

  public static ActivationRange of(Node node, int activation, Tensor output) throws UnsupportedModelException {
    float lo;
    float hi;
    switch (activation) {
      case NONE -> {
        lo = Float.NEGATIVE_INFINITY;
        hi = Float.POSITIVE_INFINITY;
      }
      case RELU -> {
        lo = 0f;
        hi = Float.POSITIVE_INFINITY;
      }
      case RELU_N1_TO_1 -> {
        lo = -1f;
        hi = 1f;
      }
      case RELU6 -> {
        lo = 0f;
        hi = 6f;
      }
      default -> throw node.unsupported("fused activation " + activation + " is not supported");
    }
    int qmin;
    int qmax;
    switch (output.type()) {
      case TensorTypes.INT8 -> {
        qmin = -128;
        qmax = 127;
      }
      case TensorTypes.UINT8 -> {
        qmin = 0;
        qmax = 255;
      }
      case TensorTypes.INT16 -> {
        qmin = -32768;
        qmax = 32767;
      }
      default -> {
        return new ActivationRange(Integer.MIN_VALUE, Integer.MAX_VALUE, lo, hi);
      }
    }
    float scale = output.scale();
    int zp = output.zeroPoint();
    int min = Float.isInfinite(lo) ? qmin : Math.max(qmin, zp + FixedPoint.roundHalfAwayFromZero(lo / scale));
    int max = Float.isInfinite(hi) ? qmax : Math.min(qmax, zp + FixedPoint.roundHalfAwayFromZero(hi / scale));
    return new ActivationRange(min, max, lo, hi);
  }
}
