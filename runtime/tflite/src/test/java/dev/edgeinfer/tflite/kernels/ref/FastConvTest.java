package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** FastConv against ConvMath's reference routines, bit for bit, on seeded random problems. */
class FastConvTest {

  static IntStream seeds() {
    return IntStream.range(0, 60);
  }

  private record Problem(ConvGeometry g, byte[] input, byte[] filter, int[] bias, ChannelMultipliers m,
      int inputOffset, int outputOffset, int actMin, int actMax) {}

  private static Problem problem(long seed, boolean depthwise) {
    Random r = new Random(seed);
    int inC = 1 + r.nextInt(9);
    int outC = depthwise ? inC * (1 + r.nextInt(2)) : 1 + r.nextInt(20);
    int filterH = 1 + r.nextInt(3);
    int filterW = 1 + r.nextInt(3);
    int dilationH = 1 + r.nextInt(2);
    int dilationW = 1 + r.nextInt(2);
    // inputs at least as large as the dilated filter, so VALID has an output
    int inH = (filterH - 1) * dilationH + 1 + r.nextInt(6);
    int inW = (filterW - 1) * dilationW + 1 + r.nextInt(12); // wide enough for blocks of four outputs
    ConvGeometry g = ConvGeometry.of(r.nextInt(2), 1 + r.nextInt(2), inH, inW, inC, outC, filterH, filterW,
        1 + r.nextInt(2), 1 + r.nextInt(2), dilationH, dilationW);
    byte[] input = new byte[g.batches() * g.inH() * g.inW() * inC];
    r.nextBytes(input);
    byte[] filter = new byte[depthwise ? filterH * filterW * outC : outC * filterH * filterW * inC];
    r.nextBytes(filter);
    int[] bias = r.nextBoolean() ? null : r.ints(outC, -50000, 50000).toArray();
    int[] zeroPoints = {-128, 127, 0, r.nextInt(256) - 128};
    int inputZeroPoint = zeroPoints[r.nextInt(4)];
    float[] filterScales = new float[outC];
    for (int c = 0; c < outC; c++) {
      // effective scales from about 2^-14 to 4: negative and positive shifts
      filterScales[c] = (float) Math.scalb(0.5 + r.nextDouble(), -14 + r.nextInt(17));
    }
    ChannelMultipliers m = ChannelMultipliers.inDouble(1f, filterScales, 1f, outC);
    int outputOffset = zeroPoints[r.nextInt(4)];
    int actMin = r.nextBoolean() ? -128 : outputOffset;
    int actMax = r.nextBoolean() ? 127 : Math.max(actMin, Math.min(127, outputOffset + 40));
    return new Problem(g, input, filter, bias, m, -inputZeroPoint, outputOffset, actMin, actMax);
  }

  private static byte[] output(ConvGeometry g) {
    return new byte[g.batches() * g.outH() * g.outW() * g.outC() + 3];
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void conv_matchesReference(int seed) {
    Problem p = problem(seed, false);
    byte[] expected = output(p.g());
    byte[] actual = output(p.g());
    // non-zero base offsets, as arena tensors have
    byte[] input = new byte[p.input().length + 5];
    System.arraycopy(p.input(), 0, input, 5, p.input().length);
    ConvMath.convInt8(p.g(), input, 5, p.inputOffset(), p.filter(), 0, p.bias(), 0, p.m().multiplier(),
        p.m().shift(), true, p.outputOffset(), p.actMin(), p.actMax(), expected, 3);
    FastConv.conv(p.g(), p.filter(), 0, p.bias(), 0, p.inputOffset(), p.m(), p.outputOffset(), p.actMin(),
        p.actMax()).run(input, 5, actual, 3);
    assertArrayEquals(expected, actual, p.g().toString());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void depthwise_matchesReference(int seed) {
    Problem p = problem(seed, true);
    byte[] expected = output(p.g());
    byte[] actual = output(p.g());
    ConvMath.depthwiseInt8(p.g(), p.input(), 0, p.inputOffset(), p.filter(), 0, p.bias(), 0, p.m().multiplier(),
        p.m().shift(), false, p.outputOffset(), p.actMin(), p.actMax(), expected, 3);
    FastConv.depthwise(p.g(), p.filter(), 0, p.bias(), 0, p.inputOffset(), p.m(), p.outputOffset(), p.actMin(),
        p.actMax()).run(p.input(), 0, actual, 3);
    assertArrayEquals(expected, actual, p.g().toString());
  }

  /** Images large enough for several pixel blocks, the last one partial, and any outC % 4. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void conv_manyPixelBlocks_matchReference(int seed) {
    Random r = new Random(2000 + seed);
    int inC = 1 + r.nextInt(12);
    int outC = 1 + r.nextInt(23);
    int fh = 1 + r.nextInt(3);
    int fw = 1 + r.nextInt(3);
    ConvGeometry g = ConvGeometry.of(r.nextInt(2), 1 + r.nextInt(2), fh + 10 + r.nextInt(30), fw + 10 + r.nextInt(30),
        inC, outC, fh, fw, 1 + r.nextInt(2), 1 + r.nextInt(2), 1 + r.nextInt(2), 1);
    byte[] input = new byte[g.batches() * g.inH() * g.inW() * inC + 5];
    r.nextBytes(input);
    byte[] filter = new byte[outC * fh * fw * inC];
    r.nextBytes(filter);
    int[] bias = r.nextBoolean() ? null : r.ints(outC, -50000, 50000).toArray();
    float[] scales = new float[outC];
    for (int c = 0; c < outC; c++) {
      scales[c] = (float) Math.scalb(0.5 + r.nextDouble(), -14 + r.nextInt(17));
    }
    ChannelMultipliers m = ChannelMultipliers.inDouble(1f, scales, 1f, outC);
    int inputOffset = r.nextInt(256) - 127;
    int outputOffset = r.nextInt(256) - 128;
    byte[] expected = output(g);
    byte[] actual = output(g);
    ConvMath.convInt8(g, input, 5, inputOffset, filter, 0, bias, 0, m.multiplier(), m.shift(), true, outputOffset,
        -128, 127, expected, 3);
    FastConv.conv(g, filter, 0, bias, 0, inputOffset, m, outputOffset, -128, 127).run(input, 5, actual, 3);
    assertArrayEquals(expected, actual, g.toString());
  }

  /** Wider rows and more channels than {@link #problem}: several pixel blocks per output row. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void depthwise_wideRows_matchReference(int seed) {
    Random r = new Random(1000 + seed);
    int inC = 1 + r.nextInt(70);
    int outC = inC * (1 + r.nextInt(3));
    int fh = 1 + r.nextInt(4);
    int fw = 1 + r.nextInt(4);
    int dh = 1 + r.nextInt(2);
    int dw = 1 + r.nextInt(2);
    ConvGeometry g = ConvGeometry.of(r.nextInt(2), 1 + r.nextInt(2), (fh - 1) * dh + 1 + r.nextInt(8),
        (fw - 1) * dw + 1 + r.nextInt(60), inC, outC, fh, fw, 1 + r.nextInt(3), 1 + r.nextInt(3), dh, dw);
    byte[] input = new byte[g.batches() * g.inH() * g.inW() * inC + 7];
    r.nextBytes(input);
    byte[] filter = new byte[fh * fw * outC + 2];
    r.nextBytes(filter);
    int[] bias = r.nextBoolean() ? null : r.ints(outC + 1, -50000, 50000).toArray();
    float[] scales = new float[outC];
    for (int c = 0; c < outC; c++) {
      scales[c] = (float) Math.scalb(0.5 + r.nextDouble(), -14 + r.nextInt(17));
    }
    ChannelMultipliers m = ChannelMultipliers.inDouble(1f, scales, 1f, outC);
    int inputOffset = r.nextInt(256) - 127;
    int outputOffset = r.nextInt(256) - 128;
    byte[] expected = output(g);
    byte[] actual = output(g);
    ConvMath.depthwiseInt8(g, input, 7, inputOffset, filter, 2, bias, bias == null ? 0 : 1, m.multiplier(),
        m.shift(), false, outputOffset, -128, 127, expected, 3);
    FastConv.depthwise(g, filter, 2, bias, bias == null ? 0 : 1, inputOffset, m, outputOffset, -128, 127)
        .run(input, 7, actual, 3);
    assertArrayEquals(expected, actual, g.toString());
  }

  @org.junit.jupiter.api.Test
  void requantization_tiesAtEveryShift_matchReference() {
    // power-of-two scales 2^-1 .. 2^-6 make exact ties frequent; every int8 input, both signs of weight
    int channels = 12;
    float[] scales = new float[channels];
    byte[] filter = new byte[channels];
    for (int c = 0; c < channels; c++) {
      scales[c] = (float) Math.scalb(1.0, -1 - c / 2);
      filter[c] = (byte) (c % 2 == 0 ? 3 : -3);
    }
    ConvGeometry g = ConvGeometry.of(ConvGeometry.VALID, 1, 1, 256, channels, channels, 1, 1, 1, 1, 1, 1);
    byte[] input = new byte[256 * channels];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) (i / channels - 128);
    }
    ChannelMultipliers m = ChannelMultipliers.inDouble(1f, scales, 1f, channels);
    byte[] expected = output(g);
    byte[] actual = output(g);
    ConvMath.depthwiseInt8(g, input, 0, 0, filter, 0, null, 0, m.multiplier(), m.shift(), false, 0, -128, 127,
        expected, 0);
    FastConv.depthwise(g, filter, 0, null, 0, 0, m, 0, -128, 127).run(input, 0, actual, 0);
    assertArrayEquals(expected, actual);
    ConvGeometry pointwise = ConvGeometry.of(ConvGeometry.VALID, 1, 1, 256, 1, channels, 1, 1, 1, 1, 1, 1);
    byte[] column = new byte[256];
    for (int i = 0; i < 256; i++) {
      column[i] = (byte) (i - 128);
    }
    expected = output(pointwise);
    actual = output(pointwise);
    ConvMath.convInt8(pointwise, column, 0, 0, filter, 0, null, 0, m.multiplier(), m.shift(), true, 0, -128, 127,
        expected, 0);
    FastConv.conv(pointwise, filter, 0, null, 0, 0, m, 0, -128, 127).run(column, 0, actual, 0);
    assertArrayEquals(expected, actual);
  }
}
