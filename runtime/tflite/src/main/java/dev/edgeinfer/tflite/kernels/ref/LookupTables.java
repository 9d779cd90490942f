package dev.edgeinfer.tflite.kernels.ref;

import java.util.function.DoubleUnaryOperator;

/**
 * The float-computed tables TensorFlow Lite's builtin kernels use on x86_64 (kernels/internal/
 * common.h LUTPopulate for 8-bit LOGISTIC/TANH; optimized_ops.h PopulateSoftmaxLookupTable for
 * 8-bit SOFTMAX). Arithmetic is in float, as there; the transcendental is evaluated in double and
 * rounded to float, which is what glibc's expf/tanhf give except in rare last-bit cases.
 */
public final class LookupTables {
  private LookupTables() {}

  /**
   * A 256-entry int8→int8 table indexed by {@code input + 128}: dequantize (float), transform,
   * multiply by 1/output_scale, round half away from zero, add the output zero point, clamp.
   */
  public static byte[] int8(float inScale, int inZeroPoint, float outScale, int outZeroPoint,
      DoubleUnaryOperator transform) {
    byte[] table = new byte[256];
    float inverseScale = 1f / outScale;
    for (int v = -128; v <= 127; v++) {
      float dequantized = inScale * (float) (v - inZeroPoint);
      float transformed = (float) transform.applyAsDouble(dequantized);
      float rescaled = roundHalfAway(transformed * inverseScale);
      int quantized = (int) (rescaled + (float) outZeroPoint);
      table[v + 128] = (byte) Math.max(-128, Math.min(127, quantized));
    }
    return table;
  }

  /** logistic in float: 1 / (1 + expf(-x)). */
  public static double logistic(double x) {
    float e = (float) Math.exp(-(float) x);
    return 1.0f / (1.0f + e);
  }

  /** tanhf. */
  public static double tanh(double x) {
    return (float) Math.tanh((float) x);
  }

  /**
   * Softmax's exp table: {@code table[255 - d] = expf(-inputScale * beta * d)} for d = 0..255, so
   * that {@code table[255 - max + x]} is exp((x - max) * inputScale * beta).
   */
  public static float[] softmaxExp(float inputScale, float beta) {
    float scale = -inputScale * beta;
    float[] table = new float[256];
    for (int d = 0; d <= 255; d++) {
      table[255 - d] = (float) Math.exp(scale * (float) d);
    }
    return table;
  }

  /** std::round of a float, kept in float. */
  public static float roundHalfAway(float x) {
    return x < 0 ? -(float) Math.floor(-x + 0.5) : (float) Math.floor(x + 0.5);
  }
}
