package dev.edgeinfer.tflite.kernels.ref;

/**
 * INT8 CONV_2D as a matrix product with output pixels innermost, bit-exact to
 * {@link ConvMath#convInt8} with {@link FixedPoint#multiplyByQuantizedMultiplierHalfUp}.
 *
 * <p>Why: with output channels innermost (as {@link FastConv} otherwise loops), a layer with 16–96
 * output channels gives C2 vector loops of one to six vectors, which run largely in their scalar
 * pre- and post-loops. Here a block of output pixels is first laid out as columns,
 * {@code cols[k][p] = input + inputOffset} for {@code k = (fy * fw + fx) * inC + ic} (im2col,
 * transposed; zero where a tap falls in the padding, which adds nothing, as the reference skips
 * it), so the inner loop runs over the block's pixels whatever the channel counts. Each pass takes
 * four output channels, so every column load feeds four rows. Integer sums wrap the same in any
 * order, so the result is the reference's exactly.
 *
 * <p>Each column is its own array, indexed from 0 like the accumulators: Java 17's C2 leaves a loop
 * scalar when its arrays are indexed with different loop-invariant offsets (it cannot rule out
 * overlap), and measured 5–6x slower that way. Bodies with more than one product per accumulator
 * (four k per pass) also stayed scalar, so each pass takes one k.
 *
 * <p>Holds scratch arrays: one instance per operator, not thread-safe.
 */
final class FastConvColumns {
  /** Column block size bound: the columns of one block stay within about 256 KiB. */
  private static final int COLUMN_INTS = 64 * 1024;
  private static final int MAX_BLOCK = 256;

  private final ConvGeometry g;
  private final int depth;
  private final int block;
  private final int[] weights;
  private final int[] bias;
  private final int inputOffset;
  private final int outputOffset;
  private final int actMin;
  private final int actMax;
  private final int[] multiplier;
  private final int[] leftShift;
  private final int[] rightShift;
  /** cols[k] is one row: every inner loop indexes all its arrays by the same p (see class comment). */
  private final int[][] cols;
  private final int[] a0;
  private final int[] a1;
  private final int[] a2;
  private final int[] a3;

  FastConvColumns(ConvGeometry g, byte[] filter, int fBase, int[] bias, int bBase, int inputOffset,
      ChannelMultipliers m, int outputOffset, int actMin, int actMax) {
    this.g = g;
    this.depth = g.filterH() * g.filterW() * g.inC();
    int pixels = g.outH() * g.outW();
    this.block = Math.max(1, Math.min(pixels, Math.min(MAX_BLOCK, Math.max(16, COLUMN_INTS / Math.max(1, depth)))));
    int outC = g.outC();
    // [outC, fh, fw, inC] is already [outC][k]
    this.weights = new int[outC * depth];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = filter[fBase + i];
    }
    this.bias = new int[outC];
    this.multiplier = m.multiplier().clone();
    this.leftShift = new int[outC];
    this.rightShift = new int[outC];
    for (int c = 0; c < outC; c++) {
      this.bias[c] = bias == null ? 0 : bias[bBase + c];
      leftShift[c] = Math.max(m.shift()[c], 0);
      rightShift[c] = Math.max(-m.shift()[c], 0);
    }
    this.inputOffset = inputOffset;
    this.outputOffset = outputOffset;
    this.actMin = actMin;
    this.actMax = actMax;
    this.cols = new int[depth][block];
    this.a0 = new int[block];
    this.a1 = new int[block];
    this.a2 = new int[block];
    this.a3 = new int[block];
  }

  void run(byte[] in, int inBase, byte[] out, int outBase) {
    final int pixels = g.outH() * g.outW(), outC = g.outC();
    for (int b = 0; b < g.batches(); b++) {
      for (int p0 = 0; p0 < pixels; p0 += block) {
        int len = Math.min(block, pixels - p0);
        columns(in, inBase, b, p0, len);
        int o = outBase + (b * pixels + p0) * outC;
        int oc = 0;
        for (; oc + 4 <= outC; oc += 4) {
          java.util.Arrays.fill(a0, 0, len, bias[oc]);
          java.util.Arrays.fill(a1, 0, len, bias[oc + 1]);
          java.util.Arrays.fill(a2, 0, len, bias[oc + 2]);
          java.util.Arrays.fill(a3, 0, len, bias[oc + 3]);
          int w0 = oc * depth, w1 = w0 + depth, w2 = w1 + depth, w3 = w2 + depth;
          for (int k = 0; k < depth; k++) {
            mac4(cols[k], weights[w0 + k], weights[w1 + k], weights[w2 + k], weights[w3 + k], len);
          }
          requantize(a0, oc, len, out, o);
          requantize(a1, oc + 1, len, out, o);
          requantize(a2, oc + 2, len, out, o);
          requantize(a3, oc + 3, len, out, o);
        }
        for (; oc < outC; oc++) {
          java.util.Arrays.fill(a0, 0, len, bias[oc]);
          int w0 = oc * depth;
          for (int k = 0; k < depth; k++) {
            int w = weights[w0 + k];
            int[] x = cols[k];
            for (int p = 0; p < len; p++) {
              a0[p] += w * x[p];
            }
          }
          requantize(a0, oc, len, out, o);
        }
      }
    }
  }

  /** cols[k][p] for the block's pixels p0 .. p0 + len - 1 of batch b. */
  private void columns(byte[] in, int inBase, int b, int p0, int len) {
    final int inC = g.inC(), inH = g.inH(), inW = g.inW(), outW = g.outW(), fh = g.filterH(), fw = g.filterW();
    final int[][] c = cols;
    for (int p = 0; p < len; p++) {
      int oy = (p0 + p) / outW;
      int ox = (p0 + p) - oy * outW;
      for (int fy = 0; fy < fh; fy++) {
        int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
        for (int fx = 0; fx < fw; fx++) {
          int ix = ox * g.strideW() - g.padW() + fx * g.dilationW();
          int k = (fy * fw + fx) * inC;
          if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
            for (int ic = 0; ic < inC; ic++) {
              c[k + ic][p] = 0;
            }
          } else {
            int s = inBase + ((b * inH + iy) * inW + ix) * inC;
            for (int ic = 0; ic < inC; ic++) {
              c[k + ic][p] = in[s + ic] + inputOffset;
            }
          }
        }
      }
    }
  }

  /** Four output channels' weights for one k times that k's column. */
  private void mac4(int[] x, int v0, int v1, int v2, int v3, int len) {
    final int[] r0 = a0, r1 = a1, r2 = a2, r3 = a3;
    for (int p = 0; p < len; p++) {
      int xp = x[p];
      r0[p] += v0 * xp;
      r1[p] += v1 * xp;
      r2[p] += v2 * xp;
      r3[p] += v3 * xp;
    }
  }

  /** FixedPoint.multiplyByQuantizedMultiplierHalfUp with channel {@code oc}'s constants, into every outC-th byte. */
  private void requantize(int[] acc, int oc, int len, byte[] out, int o) {
    final int outC = g.outC(), mult = multiplier[oc], ls = leftShift[oc], rs = rightShift[oc];
    final int roundShift = Math.max(rs - 1, 0), roundBit = rs == 0 ? 0 : 1;
    for (int p = 0, d = o + oc; p < len; p++, d += outC) {
      int high = (int) (((long) (acc[p] << ls) * mult + (1L << 30)) >> 31);
      int v = (high >> rs) + ((high >> roundShift) & roundBit) + outputOffset;
      out[d] = (byte) (v < actMin ? actMin : (v > actMax ? actMax : v));
    }
  }
}
