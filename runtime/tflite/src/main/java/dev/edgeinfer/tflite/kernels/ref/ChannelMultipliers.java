package dev.edgeinfer.tflite.kernels.ref;

/**
 * Per-output-channel requantization multipliers ({@code real ≈ multiplier * 2^(shift - 31)}), as
 * TensorFlow Lite's kernel_util.cc derives them from input, filter and output scales. The two ways
 * of forming the effective scale differ in the last bits and both are in use: see the factories.
 */
public record ChannelMultipliers(int[] multiplier, int[] shift) {

  /**
   * PopulateConvolutionQuantizationParams (CONV_2D, DEPTHWISE_CONV_2D, per-channel
   * FULLY_CONNECTED): {@code double(inputScale) * double(filterScale[c]) / double(outputScale)}.
   * A single filter scale is broadcast to every channel.
   */
  public static ChannelMultipliers inDouble(float inputScale, float[] filterScales, float outputScale, int channels) {
    double[] real = new double[channels];
    for (int c = 0; c < channels; c++) {
      float filterScale = filterScales.length == 1 ? filterScales[0] : filterScales[c];
      real[c] = (double) inputScale * (double) filterScale / (double) outputScale;
    }
    return of(real);
  }

  /**
   * GetQuantizedConvolutionMultipler (per-tensor FULLY_CONNECTED): the product of input and filter
   * scales is taken in float, {@code double(inputScale * filterScale) / double(outputScale)}.
   */
  public static ChannelMultipliers floatProduct(float inputScale, float filterScale, float outputScale, int channels) {
    double[] real = new double[channels];
    java.util.Arrays.fill(real, (double) (inputScale * filterScale) / (double) outputScale);
    return of(real);
  }

  private static ChannelMultipliers of(double[] real) {
    int[] multiplier = new int[real.length];
    int[] shift = new int[real.length];
    for (int c = 0; c < real.length; c++) {
      FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(real[c]);
      multiplier[c] = m.multiplier();
      shift[c] = m.shift();
    }
    return new ChannelMultipliers(multiplier, shift);
  }
}
