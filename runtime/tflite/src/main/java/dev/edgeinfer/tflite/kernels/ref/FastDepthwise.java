package dev.edgeinfer.tflite.kernels.ref;

/**
 * INT8 DEPTHWISE_CONV_2D laid out so every inner loop is long and contiguous, bit-exact to
 * {@link ConvMath#depthwiseInt8} with the reference's double rounding (which TensorFlow Lite's
 * optimized depthwise kernel keeps).
 *
 * <p>Why this shape: C2 vectorizes only innermost loops, and a loop of a few dozen ints runs mostly
 * in its scalar pre- and post-loops. Looping over the channels of one pixel is therefore slow for
 * the 8-channel layers of keyword models and not great for 32–96 channels. Instead:
 * <ul>
 *   <li>Each input row is converted once into ints with the input offset added, each input channel
 *       repeated depth-multiplier times (so input and output channels line up), zero where the
 *       padding is, and its columns split by stride phase: with column {@code j = ox * stride + fx *
 *       dilation} written at {@code (j % stride, j / stride)}, output pixels {@code ox, ox + 1, ...}
 *       read consecutive columns of one phase for every tap. A zero in the offset domain contributes
 *       nothing, as the reference's skipped padding taps do, and integer sums wrap the same in any
 *       order, so the sums are exact.</li>
 *   <li>The weights of each tap are tiled over a block of output pixels, so one tap over the whole
 *       block is a single multiply-accumulate over {@code block * channels} contiguous ints. The
 *       tap's input segment is first copied to offset 0: Java 17's C2 leaves a loop scalar when
 *       its arrays are indexed with different loop-invariant offsets (it cannot rule out overlap),
 *       and the copy (an intrinsic) costs far less than the 5–6x that scalar loop costs. Several
 *       taps per pass, which would save accumulator traffic, also stayed scalar.</li>
 *   <li>Rows live in a ring of {@code (fh - 1) * dilation + 1} slots: the rows one output row reads
 *       are consecutive, so each input row is converted once per batch and memory stays small.</li>
 * </ul>
 * Holds scratch arrays: one instance per operator, not thread-safe.
 */
public final class FastDepthwise {
  /** Output pixels per block are chosen so a block spans at least this many ints. */
  private static final int BLOCK_INTS = 256;

  private final ConvGeometry g;
  private final int inputOffset;
  private final int outputOffset;
  private final int actMin;
  private final int actMax;
  private final int channels;
  private final int block;
  private final int phaseW;
  private final int rowInts;
  /** weights[tap]: the tap's weights tiled over a block of output pixels. */
  private final int[][] weights;
  /** One tap's input segment, copied so the multiply-accumulate indexes every array alike. */
  private final int[] segment;
  private final int[] bias;
  private final int[] multiplier;
  private final int[] leftShift;
  private final int[] rightShift;
  private final int[] mask;
  private final int[] rows;
  private final int[] slotRow;
  private final int[] acc;
  private final int[] tapX;
  private final int[] tapW;

  public FastDepthwise(ConvGeometry g, byte[] filter, int fBase, int[] bias, int bBase, int inputOffset,
      ChannelMultipliers m, int outputOffset, int actMin, int actMax) {
    this.g = g;
    this.inputOffset = inputOffset;
    this.outputOffset = outputOffset;
    this.actMin = actMin;
    this.actMax = actMax;
    int c = g.outC();
    this.channels = c;
    this.block = Math.max(1, Math.min(g.outW(), (BLOCK_INTS + c - 1) / c));
    int blockInts = block * c;
    int taps = g.filterH() * g.filterW();
    this.weights = new int[taps][blockInts];
    for (int t = 0; t < taps; t++) {
      for (int p = 0; p < block; p++) {
        for (int k = 0; k < c; k++) {
          weights[t][p * c + k] = filter[fBase + t * c + k];
        }
      }
    }
    this.segment = new int[blockInts];
    this.bias = new int[blockInts];
    this.multiplier = new int[blockInts];
    this.leftShift = new int[blockInts];
    this.rightShift = new int[blockInts];
    this.mask = new int[blockInts];
    for (int i = 0; i < blockInts; i++) {
      int k = i % c;
      this.bias[i] = bias == null ? 0 : bias[bBase + k];
      multiplier[i] = m.multiplier()[k];
      int shift = m.shift()[k];
      leftShift[i] = Math.max(shift, 0);
      rightShift[i] = Math.max(-shift, 0);
      mask[i] = (int) ((1L << rightShift[i]) - 1);
    }
    int paddedW = (g.outW() - 1) * g.strideW() + (g.filterW() - 1) * g.dilationW() + 1;
    this.phaseW = (paddedW + g.strideW() - 1) / g.strideW();
    this.rowInts = g.strideW() * phaseW * c;
    int slots = (g.filterH() - 1) * g.dilationH() + 1;
    this.rows = new int[slots * rowInts];
    this.slotRow = new int[slots];
    this.acc = new int[blockInts];
    this.tapX = new int[taps];
    this.tapW = new int[taps];
  }

  public void run(byte[] in, int inBase, byte[] out, int outBase) {
    final int c = channels, sh = g.strideH(), dh = g.dilationH(), sw = g.strideW(), dw = g.dilationW();
    final int fh = g.filterH(), fw = g.filterW(), inH = g.inH(), outW = g.outW(), blockInts = block * c;
    final int slots = slotRow.length;
    int o = outBase;
    for (int b = 0; b < g.batches(); b++) {
      java.util.Arrays.fill(slotRow, -1);
      for (int oy = 0; oy < g.outH(); oy++) {
        int n = 0;
        for (int fy = 0; fy < fh; fy++) {
          int iy = oy * sh - g.padH() + fy * dh;
          if (iy < 0 || iy >= inH) {
            continue;
          }
          int slot = iy % slots;
          if (slotRow[slot] != iy) {
            convertRow(in, inBase + (b * inH + iy) * g.inW() * g.inC(), slot * rowInts);
            slotRow[slot] = iy;
          }
          for (int fx = 0; fx < fw; fx++) {
            int j = fx * dw;
            tapX[n] = slot * rowInts + ((j % sw) * phaseW + j / sw) * c;
            tapW[n] = fy * fw + fx;
            n++;
          }
        }
        for (int ox0 = 0; ox0 < outW; ox0 += block) {
          int len = Math.min(block, outW - ox0) * c;
          System.arraycopy(bias, 0, acc, 0, len);
          int xo = ox0 * c;
          for (int t = 0; t < n; t++) {
            System.arraycopy(rows, tapX[t] + xo, segment, 0, len);
            mac(acc, segment, weights[tapW[t]], len);
          }
          requantize(len, out, o);
          o += len;
        }
      }
    }
  }

  /** One input row into ring slot position {@code dst}: offset added, channels repeated, phases split. */
  private void convertRow(byte[] in, int src, int dst) {
    final int c = channels, inC = g.inC(), m = c / inC, sw = g.strideW(), pw = g.padW(), inW = g.inW();
    final int[] x = rows;
    final int paddedW = phaseW * sw;
    for (int j = 0; j < paddedW; j++) {
      int ix = j - pw;
      int d = dst + ((j % sw) * phaseW + j / sw) * c;
      if (ix < 0 || ix >= inW) {
        // padding, or past the last column a window reaches: contributes nothing
        java.util.Arrays.fill(x, d, d + c, 0);
        continue;
      }
      int s = src + ix * inC;
      if (m == 1) {
        for (int k = 0; k < c; k++) {
          x[d + k] = in[s + k] + inputOffset;
        }
      } else {
        for (int ic = 0; ic < inC; ic++) {
          int v = in[s + ic] + inputOffset;
          for (int r = 0; r < m; r++) {
            x[d + ic * m + r] = v;
          }
        }
      }
    }
  }

  private static void mac(int[] acc, int[] x, int[] w, int len) {
    for (int i = 0; i < len; i++) {
      acc[i] += x[i] * w[i];
    }
  }

  /**
   * FixedPoint.multiplyByQuantizedMultiplier without branches. gemmlowp's doubling high multiply,
   * {@code (ab + nudge) / 2^31} truncated toward zero with a nudge of 2^30 or 1 - 2^30 by sign,
   * equals {@code (ab + 2^30) >> 31} for either sign (the negative case is a ceiling, and
   * {@code ceil((ab + 1 - 2^30) / 2^31) = floor((ab + 2^30) / 2^31)}); it cannot saturate since
   * multipliers are never Integer.MIN_VALUE. The rounding divide then adds one when the remainder
   * exceeds half the divisor, or half exactly for negative values.
   */
  private void requantize(int len, byte[] out, int o) {
    for (int i = 0; i < len; i++) {
      int high = (int) (((long) (acc[i] << leftShift[i]) * multiplier[i] + (1L << 30)) >> 31);
      int mk = mask[i];
      int threshold = (mk >> 1) + (high >>> 31);
      int v = (high >> rightShift[i]) + ((threshold - (high & mk)) >>> 31) + outputOffset;
      out[o + i] = (byte) (v < actMin ? actMin : (v > actMax ? actMax : v));
    }
  }
}
