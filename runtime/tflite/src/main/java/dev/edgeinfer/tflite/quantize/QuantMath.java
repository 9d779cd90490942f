package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.Quantization;

/**
 * The arithmetic of TensorFlow Lite's 8-bit quantization spec
 * (https://ai.google.dev/edge/litert/models/quantization_spec): asymmetric int8 activations whose
 * range includes 0, symmetric per-channel int8 weights in [-127, 127], int32 biases at
 * input scale times weight scale. Scales are stored as float in the file, so every value is
 * quantized with the float that will be stored, in double math, for reproducible bytes.
 */
public final class QuantMath {

  public static final int INT8_MIN = -128;
  public static final int INT8_MAX = 127;
  /** Symmetric weights leave out -128 so that -w is always representable. */
  public static final int WEIGHT_MAX = 127;

  private QuantMath() {}

  /** Round half away from zero, as the reference quantizer's std::round does. */
  public static long round(double x) {
    double r = StrictMath.floor(Math.abs(x) + 0.5);
    return (long) (x < 0 ? -r : r);
  }

  /** Per-tensor asymmetric int8 parameters covering [min, max] widened to include 0. */
  public static Quantization asymmetricInt8(double min, double max) {
    double lo = Math.min(min, 0);
    double hi = Math.max(max, 0);
    if (hi - lo <= 0) {
      hi = lo + 1e-6; // a tensor that is always 0: any small scale represents it exactly
    }
    float scale = (float) ((hi - lo) / (INT8_MAX - INT8_MIN));
    long zeroPoint = clamp(round(INT8_MIN - lo / scale), INT8_MIN, INT8_MAX);
    return Quantization.perTensor(scale, zeroPoint);
  }

  /** The scale of one row of symmetric weights: its largest magnitude maps to 127. */
  public static float symmetricScale(float[] values, int from, int to) {
    double maxAbs = 0;
    for (int i = from; i < to; i++) {
      maxAbs = Math.max(maxAbs, Math.abs((double) values[i]));
    }
    return maxAbs == 0 ? 1f : (float) (maxAbs / WEIGHT_MAX);
  }

  public static byte quantizeWeight(float value, float scale) {
    return (byte) clamp(round(value / (double) scale), -WEIGHT_MAX, WEIGHT_MAX);
  }

  /** The stored bias scale for one channel: input scale times that channel's weight scale. */
  public static float biasScale(float inputScale, float weightScale) {
    return (float) ((double) inputScale * (double) weightScale);
  }

  public static int quantizeBias(float value, float scale) {
    return (int) clamp(round(value / (double) scale), Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** real to int8 with a per-tensor scale and zero point, saturating. */
  public static byte quantize(float value, float scale, long zeroPoint) {
    return (byte) clamp(round(value / (double) scale) + zeroPoint, INT8_MIN, INT8_MAX);
  }

  public static float dequantize(int q, float scale, long zeroPoint) {
    return (float) (scale * (double) (q - zeroPoint));
  }

  static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
