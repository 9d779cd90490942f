package dev.edgeinfer.tflite.graph;

import java.util.Arrays;

/**
 * {@code QuantizationParameters}: real = scale * (q - zeroPoint). One scale and zero point for a
 * per-tensor quantized tensor; one per slice along {@code quantizedDimension} for a per-channel
 * one. {@code min}/{@code max} are optional (empty) calibration ranges kept for tools.
 */
public record Quantization(float[] scales, long[] zeroPoints, int quantizedDimension, float[] min, float[] max) {

  public Quantization {
    if (scales.length == 0 || scales.length != zeroPoints.length) {
      throw new IllegalArgumentException(
          "quantization needs one zero point per scale, at least one: " + scales.length + " scales, "
              + zeroPoints.length + " zero points");
    }
    for (float s : scales) {
      if (!(s > 0) || Float.isInfinite(s)) {
        throw new IllegalArgumentException("quantization scales must be positive and finite: " + s);
      }
    }
    if (quantizedDimension < 0) {
      throw new IllegalArgumentException("quantizedDimension must be >= 0: " + quantizedDimension);
    }
    if (min.length != max.length) {
      throw new IllegalArgumentException("min and max must have the same length");
    }
    scales = scales.clone();
    zeroPoints = zeroPoints.clone();
    min = min.clone();
    max = max.clone();
  }

  public static Quantization perTensor(float scale, long zeroPoint) {
    return new Quantization(new float[] {scale}, new long[] {zeroPoint}, 0, new float[0], new float[0]);
  }

  public static Quantization perChannel(float[] scales, long[] zeroPoints, int quantizedDimension) {
    return new Quantization(scales, zeroPoints, quantizedDimension, new float[0], new float[0]);
  }

  public boolean isPerChannel() {
    return scales.length > 1;
  }

  public float scale(int channel) {
    return scales[channel];
  }

  public long zeroPoint(int channel) {
    return zeroPoints[channel];
  }

  @Override
  public float[] scales() {
    return scales.clone();
  }

  @Override
  public long[] zeroPoints() {
    return zeroPoints.clone();
  }

  @Override
  public float[] min() {
    return min.clone();
  }

  @Override
  public float[] max() {
    return max.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantization q
        && Arrays.equals(scales, q.scales)
        && Arrays.equals(zeroPoints, q.zeroPoints)
        && quantizedDimension == q.quantizedDimension
        && Arrays.equals(min, q.min)
        && Arrays.equals(max, q.max);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints) + quantizedDimension;
  }

  @Override
  public String toString() {
    return "Quantization[scales=" + Arrays.toString(scales) + ", zeroPoints=" + Arrays.toString(zeroPoints)
        + ", dim=" + quantizedDimension + "]";
  }
}
