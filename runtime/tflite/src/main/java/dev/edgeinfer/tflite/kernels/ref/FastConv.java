package dev.edgeinfer.tflite.kernels.ref;

/**
 * INT8 CONV_2D and DEPTHWISE_CONV_2D laid out for the JIT, bit-exact to {@link ConvMath}'s
 * reference routines (a test holds them together on seeded random data). CONV_2D runs as
 * {@link FastConvColumns} (a matrix product with output pixels innermost) and requantizes as
 * TensorFlow Lite's builtin INT8 conv does on x86_64 through cpu_backend_gemm
 * ({@link FixedPoint#multiplyByQuantizedMultiplierHalfUp}); DEPTHWISE_CONV_2D runs as
 * {@link FastDepthwise} with the reference's double rounding, which its optimized kernel keeps.
 *
 * <p>Holds scratch arrays: one instance per operator, not thread-safe.
 */
public final class FastConv {
  private final FastDepthwise depthwise;
  private final FastConvColumns conv;

  private FastConv(FastDepthwise depthwise, FastConvColumns conv) {
    this.depthwise = depthwise;
    this.conv = conv;
  }

  /** CONV_2D: filter {@code [outC, fh, fw, inC]}, half-up rounding. */
  public static FastConv conv(ConvGeometry g, byte[] filter, int fBase, int[] bias, int bBase, int inputOffset,
      ChannelMultipliers m, int outputOffset, int actMin, int actMax) {
    return new FastConv(null,
        new FastConvColumns(g, filter, fBase, bias, bBase, inputOffset, m, outputOffset, actMin, actMax));
  }

  /** DEPTHWISE_CONV_2D: filter {@code [1, fh, fw, outC]}, reference rounding. */
  public static FastConv depthwise(ConvGeometry g, byte[] filter, int fBase, int[] bias, int bBase, int inputOffset,
      ChannelMultipliers m, int outputOffset, int actMin, int actMax) {
    return new FastConv(new FastDepthwise(g, filter, fBase, bias, bBase, inputOffset, m, outputOffset, actMin,
        actMax), null);
  }

  public void run(byte[] in, int inBase, byte[] out, int outBase) {
    if (depthwise != null) {
      depthwise.run(in, inBase, out, outBase);
    } else {
      conv.run(in, inBase, out, outBase);
    }
  }
}
