package dev.edgeinfer.tflite.kernels.ref;

/**
 * INT8 CONV_2D and DEPTHWISE_CONV_2D laid out for the JIT, bit-exact to {@link ConvMath}'s
 * reference routines (a test holds them together on seeded random data).
 *
 * <p>Filters are repacked once into {@code int[]} with the output channel innermost, so the inner
 * loop is {@code acc[oc] += x * w[oc]} over contiguous int arrays, which C2 vectorizes. Integer
 * addition wraps the same in any order, so accumulating tap by tap gives the reference's int32
 * sums exactly. Taps outside the input are skipped as the reference skips them, and for
 * convolution an input equal to the zero point (common after ReLU) contributes nothing and is
 * skipped. CONV_2D requantizes as TensorFlow Lite's builtin INT8 conv does on x86_64 through
 * cpu_backend_gemm ({@link FixedPoint#multiplyByQuantizedMultiplierHalfUp}); DEPTHWISE_CONV_2D
 * with the reference's double rounding, which its optimized kernel keeps.
 *
 * <p>Holds scratch arrays: one instance per operator, not thread-safe.
 */
public final class FastConv {
  private final ConvGeometry g;
  private final boolean depthwise;
  private final int[] weights;
  private final int[] biasInit;
  private final int inputOffset;
  private final int outputOffset;
  private final int actMin;
  private final int actMax;
  private final int[] multiplier;
  private final int[] shift;
  // half-up rounding (conv): adds bit roundingShift of the high product when roundingBit is 1
  private final int[] roundingShift;
  private final int[] roundingBit;
  // double rounding (depthwise): left shift, then SaturatingRoundingDoublingHighMul, then RoundingDivideByPOT
  private final int[] leftShift;
  private final int[] rightShift;
  private final int[] mask;
  private final int[] acc;
  private final int[] acc0;
  private final int[] acc1;
  private final int[] acc2;
  private final int[] acc3;
  private final boolean pointwise;
  private final int[] shiftedInput;

  private FastConv(ConvGeometry g, boolean depthwise, byte[] filter, int fBase, int[] bias, int bBase,
      int inputOffset, ChannelMultipliers m, int outputOffset, int actMin, int actMax) {
    this.g = g;
    this.depthwise = depthwise;
    this.inputOffset = inputOffset;
    this.outputOffset = outputOffset;
    this.actMin = actMin;
    this.actMax = actMax;
    int outC = g.outC();
    this.multiplier = m.multiplier().clone();
    this.shift = m.shift().clone();
    this.biasInit = new int[outC];
    this.roundingShift = new int[outC];
    this.roundingBit = new int[outC];
    this.leftShift = new int[outC];
    this.rightShift = new int[outC];
    this.mask = new int[outC];
    for (int c = 0; c < outC; c++) {
      biasInit[c] = bias == null ? 0 : bias[bBase + c];
      leftShift[c] = Math.max(shift[c], 0);
      rightShift[c] = Math.max(-shift[c], 0);
      roundingShift[c] = Math.max(rightShift[c] - 1, 0);
      roundingBit[c] = rightShift[c] == 0 ? 0 : 1;
      mask[c] = (int) ((1L << rightShift[c]) - 1);
    }
    int taps = g.filterH() * g.filterW();
    this.acc = new int[outC];
    this.acc0 = new int[outC];
    this.acc1 = new int[outC];
    this.acc2 = new int[outC];
    this.acc3 = new int[outC];
    this.pointwise = !depthwise && taps == 1 && g.strideH() == 1 && g.strideW() == 1 && g.padH() == 0
        && g.padW() == 0 && g.outH() == g.inH() && g.outW() == g.inW();
    if (depthwise) {
      // [fh, fw, outC] as the model stores it
      this.weights = new int[taps * outC];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = filter[fBase + i];
      }
      this.shiftedInput = new int[g.batches() * g.inH() * g.inW() * outC];
    } else {
      // [outC, fh, fw, inC] → [fh, fw, inC, outC]
      int inC = g.inC();
      this.weights = new int[taps * inC * outC];
      for (int oc = 0; oc < outC; oc++) {
        for (int t = 0; t < taps; t++) {
          for (int ic = 0; ic < inC; ic++) {
            weights[(t * inC + ic) * outC + oc] = filter[fBase + (oc * taps + t) * inC + ic];
          }
        }
      }
      this.shiftedInput = null;
    }
  }

  /** CONV_2D: filter {@code [outC, fh, fw, inC]}, half-up rounding. */
  public static FastConv conv(ConvGeometry g, byte[] filter, int fBase, int[] bias, int bBase, int inputOffset,
      ChannelMultipliers m, int outputOffset, int actMin, int actMax) {
    return new FastConv(g, false, filter, fBase, bias, bBase, inputOffset, m, outputOffset, actMin, actMax);
  }

  /** DEPTHWISE_CONV_2D: filter {@code [1, fh, fw, outC]}, reference rounding. */
  public static FastConv depthwise(ConvGeometry g, byte[] filter, int fBase, int[] bias, int bBase, int inputOffset,
      ChannelMultipliers m, int outputOffset, int actMin, int actMax) {
    return new FastConv(g, true, filter, fBase, bias, bBase, inputOffset, m, outputOffset, actMin, actMax);
  }

  public void run(byte[] in, int inBase, byte[] out, int outBase) {
    if (depthwise) {
      runDepthwise(in, inBase, out, outBase);
    } else {
      runConv(in, inBase, out, outBase);
    }
  }

  private void runConv(byte[] in, int inBase, byte[] out, int outBase) {
    if (pointwise) {
      // a 1x1, stride-1 convolution without padding: input pixel p gives output pixel p
      int pixels = g.batches() * g.inH() * g.inW();
      int p = 0;
      for (; p + 4 <= pixels; p += 4) {
        int ip = inBase + p * g.inC();
        accumulate4(in, ip, g.inC(), 0);
        requantize4(out, outBase + p * g.outC());
      }
      for (; p < pixels; p++) {
        System.arraycopy(biasInit, 0, acc, 0, g.outC());
        accumulate(in, inBase + p * g.inC(), 0);
        requantizeHalfUp(acc, out, outBase + p * g.outC());
      }
      return;
    }
    final int inH = g.inH(), inW = g.inW(), inC = g.inC(), outC = g.outC(), fh = g.filterH(), fw = g.filterW();
    final int sw = g.strideW(), pw = g.padW(), spanW = (fw - 1) * g.dilationW();
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        int ox = 0;
        while (ox < g.outW()) {
          int o = outBase + ((b * g.outH() + oy) * g.outW() + ox) * outC;
          int x0 = ox * sw - pw;
          if (ox + 4 <= g.outW() && x0 >= 0 && x0 + 3 * sw + spanW < inW) {
            // four neighbouring outputs whose windows lie inside the input horizontally
            System.arraycopy(biasInit, 0, acc0, 0, outC);
            System.arraycopy(biasInit, 0, acc1, 0, outC);
            System.arraycopy(biasInit, 0, acc2, 0, outC);
            System.arraycopy(biasInit, 0, acc3, 0, outC);
            for (int fy = 0; fy < fh; fy++) {
              int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
              if (iy < 0 || iy >= inH) {
                continue;
              }
              for (int fx = 0; fx < fw; fx++) {
                int ip = inBase + ((b * inH + iy) * inW + x0 + fx * g.dilationW()) * inC;
                accumulate4Into(in, ip, sw * inC, (fy * fw + fx) * inC * outC);
              }
            }
            requantize4(out, o);
            ox += 4;
            continue;
          }
          System.arraycopy(biasInit, 0, acc, 0, outC);
          for (int fy = 0; fy < fh; fy++) {
            int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
            if (iy < 0 || iy >= inH) {
              continue;
            }
            for (int fx = 0; fx < fw; fx++) {
              int ix = x0 + fx * g.dilationW();
              if (ix < 0 || ix >= inW) {
                continue;
              }
              accumulate(in, inBase + ((b * inH + iy) * inW + ix) * inC, (fy * fw + fx) * inC * outC);
            }
          }
          requantizeHalfUp(acc, out, o);
          ox++;
        }
      }
    }
  }

  /** One pixel's channels times the filter rows from {@code wp}, into {@code acc}. */
  private void accumulate(byte[] in, int ip, int wp) {
    final int outC = g.outC();
    for (int ic = 0; ic < g.inC(); ic++, wp += outC) {
      int x = in[ip + ic] + inputOffset;
      if (x != 0) {
        axpy(acc, x, weights, wp, outC);
      }
    }
  }

  /** Pointwise: four consecutive pixels, {@code pixelStep} apart, from bias. */
  private void accumulate4(byte[] in, int ip, int pixelStep, int wp) {
    final int outC = g.outC();
    System.arraycopy(biasInit, 0, acc0, 0, outC);
    System.arraycopy(biasInit, 0, acc1, 0, outC);
    System.arraycopy(biasInit, 0, acc2, 0, outC);
    System.arraycopy(biasInit, 0, acc3, 0, outC);
    accumulate4Into(in, ip, pixelStep, wp);
  }

  /** Four pixels {@code pixelStep} apart, one filter tap (all input channels) from {@code wp}. */
  private void accumulate4Into(byte[] in, int ip, int pixelStep, int wp) {
    final int outC = g.outC();
    final int off = inputOffset;
    for (int ic = 0; ic < g.inC(); ic++, wp += outC) {
      int x0 = in[ip + ic] + off;
      int x1 = in[ip + pixelStep + ic] + off;
      int x2 = in[ip + 2 * pixelStep + ic] + off;
      int x3 = in[ip + 3 * pixelStep + ic] + off;
      if ((x0 | x1 | x2 | x3) != 0) {
        axpy4(acc0, acc1, acc2, acc3, x0, x1, x2, x3, weights, wp, outC);
      }
    }
  }

  private void requantize4(byte[] out, int o) {
    requantizeHalfUp(acc0, out, o);
    requantizeHalfUp(acc1, out, o + g.outC());
    requantizeHalfUp(acc2, out, o + 2 * g.outC());
    requantizeHalfUp(acc3, out, o + 3 * g.outC());
  }

  private void runDepthwise(byte[] in, int inBase, byte[] out, int outBase) {
    final int inH = g.inH(), inW = g.inW(), c = g.outC(), fh = g.filterH(), fw = g.filterW();
    // each input channel repeated depth-multiplier times, so input and output channels line up
    final int m = g.depthMultiplier();
    int[] x = shiftedInput;
    int n = 0;
    for (int i = 0, end = g.batches() * inH * inW * g.inC(); i < end; i++) {
      int v = in[inBase + i] + inputOffset;
      for (int j = 0; j < m; j++) {
        x[n++] = v;
      }
    }
    int o = outBase;
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        for (int ox = 0; ox < g.outW(); ox++) {
          System.arraycopy(biasInit, 0, acc, 0, c);
          for (int fy = 0; fy < fh; fy++) {
            int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
            if (iy < 0 || iy >= inH) {
              continue;
            }
            for (int fx = 0; fx < fw; fx++) {
              int ix = ox * g.strideW() - g.padW() + fx * g.dilationW();
              if (ix < 0 || ix >= inW) {
                continue;
              }
              multiplyAccumulate(acc, x, ((b * inH + iy) * inW + ix) * c, weights, (fy * fw + fx) * c, c);
            }
          }
          requantizeDouble(out, o);
          o += c;
        }
      }
    }
  }

  private static void axpy(int[] acc, int x, int[] w, int wp, int n) {
    for (int i = 0; i < n; i++) {
      acc[i] += x * w[wp + i];
    }
  }

  /** Four accumulator rows share each weight load; separate arrays so C2 sees no overlap. */
  private static void axpy4(int[] a0, int[] a1, int[] a2, int[] a3, int x0, int x1, int x2, int x3, int[] w,
      int wp, int n) {
    for (int i = 0; i < n; i++) {
      int wi = w[wp + i];
      a0[i] += x0 * wi;
      a1[i] += x1 * wi;
      a2[i] += x2 * wi;
      a3[i] += x3 * wi;
    }
  }

  private static void multiplyAccumulate(int[] acc, int[] x, int xp, int[] w, int wp, int n) {
    for (int i = 0; i < n; i++) {
      acc[i] += x[xp + i] * w[wp + i];
    }
  }

  /** FixedPoint.multiplyByQuantizedMultiplierHalfUp inlined. */
  private void requantizeHalfUp(int[] acc, byte[] out, int o) {
    for (int c = 0; c < acc.length; c++) {
      int high = (int) (((long) (acc[c] << leftShift[c]) * multiplier[c] + (1L << 30)) >> 31);
      int v = (high >> rightShift[c]) + ((high >> roundingShift[c]) & roundingBit[c]) + outputOffset;
      out[o + c] = (byte) Math.min(Math.max(v, actMin), actMax);
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
  private void requantizeDouble(byte[] out, int o) {
    for (int c = 0; c < acc.length; c++) {
      int high = (int) (((long) (acc[c] << leftShift[c]) * multiplier[c] + (1L << 30)) >> 31);
      int m = mask[c];
      int threshold = (m >> 1) + (high >>> 31);
      int v = (high >> rightShift[c]) + ((threshold - (high & m)) >>> 31) + outputOffset;
      out[o + c] = (byte) Math.min(Math.max(v, actMin), actMax);
    }
  }

}
