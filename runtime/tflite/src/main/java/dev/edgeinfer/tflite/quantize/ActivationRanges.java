package dev.edgeinfer.tflite.quantize;

import java.util.Arrays;

/** The smallest and largest value each tensor took over a calibration set. Not thread-safe. */
final class ActivationRanges {

  private final float[] min;
  private final float[] max;

  ActivationRanges(int tensorCount) {
    min = new float[tensorCount];
    max = new float[tensorCount];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
  }

  void record(float[][] values) {
    for (int t = 0; t < values.length; t++) {
      if (values[t] == null) {
        continue;
      }
      for (float v : values[t]) {
        if (v < min[t]) {
          min[t] = v;
        }
        if (v > max[t]) {
          max[t] = v;
        }
      }
    }
  }

  boolean seen(int tensor) {
    return min[tensor] <= max[tensor];
  }

  float min(int tensor) {
    return min[tensor];
  }

  float max(int tensor) {
    return max[tensor];
  }
}
