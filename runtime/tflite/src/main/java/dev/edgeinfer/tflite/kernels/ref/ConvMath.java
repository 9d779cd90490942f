package dev.edgeinfer.tflite.kernels.ref;

/**
 * Reference CONV_2D and DEPTHWISE_CONV_2D over NHWC arrays, one output element at a time, as
 * TensorFlow Lite's reference kernels (reference/conv.h, reference/depthwise_conv.h,
 * reference/integer_ops/conv.h and depthwise_conv.h) compute them: taps outside the input are
 * skipped, the accumulator gets {@code filter * (input + inputOffset)}, then the bias, then the
 * per-channel requantization, the output zero point and the activation clamp.
 *
 * <p>Filters are {@code [outC, fh, fw, inC]} for convolution and {@code [1, fh, fw, outC]} for
 * depthwise convolution; arrays are addressed from the given base offsets. These are the plain
 * versions the fast kernels are tested against; nothing here is tuned.
 */
public final class ConvMath {
  private ConvMath() {}

  public static void convFloat(ConvGeometry g, float[] in, int inBase, float[] filter, int fBase, float[] bias,
      int bBase, float actMin, float actMax, float[] out, int outBase) {
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        for (int ox = 0; ox < g.outW(); ox++) {
          for (int oc = 0; oc < g.outC(); oc++) {
            float total = 0f;
            for (int fy = 0; fy < g.filterH(); fy++) {
              int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
              for (int fx = 0; fx < g.filterW(); fx++) {
                int ix = ox * g.strideW() - g.padW() + fx * g.dilationW();
                if (iy < 0 || iy >= g.inH() || ix < 0 || ix >= g.inW()) {
                  continue;
                }
                int i = inBase + ((b * g.inH() + iy) * g.inW() + ix) * g.inC();
                int f = fBase + ((oc * g.filterH() + fy) * g.filterW() + fx) * g.inC();
                for (int ic = 0; ic < g.inC(); ic++) {
                  total += in[i + ic] * filter[f + ic];
                }
              }
            }
            float v = total + (bias == null ? 0f : bias[bBase + oc]);
            out[outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + oc] = Math.min(Math.max(v, actMin), actMax);
          }
        }
      }
    }
  }

  /** INT8 convolution; {@code singleRounding} selects ruy's requantization (see {@link FixedPoint}). */
  public static void convInt8(ConvGeometry g, byte[] in, int inBase, int inputOffset, byte[] filter, int fBase,
      int[] bias, int bBase, int[] multiplier, int[] shift, boolean singleRounding, int outputOffset, int actMin,
      int actMax, byte[] out, int outBase) {
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        for (int ox = 0; ox < g.outW(); ox++) {
          for (int oc = 0; oc < g.outC(); oc++) {
            int acc = 0;
            for (int fy = 0; fy < g.filterH(); fy++) {
              int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
              for (int fx = 0; fx < g.filterW(); fx++) {
                int ix = ox * g.strideW() - g.padW() + fx * g.dilationW();
                if (iy < 0 || iy >= g.inH() || ix < 0 || ix >= g.inW()) {
                  continue;
                }
                int i = inBase + ((b * g.inH() + iy) * g.inW() + ix) * g.inC();
                int f = fBase + ((oc * g.filterH() + fy) * g.filterW() + fx) * g.inC();
                for (int ic = 0; ic < g.inC(); ic++) {
                  acc += filter[f + ic] * (in[i + ic] + inputOffset);
                }
              }
            }
            if (bias != null) {
              acc += bias[bBase + oc];
            }
            int v = requantize(acc, multiplier[oc], shift[oc], singleRounding) + outputOffset;
            out[outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + oc] = (byte) FixedPoint.clamp(v, actMin, actMax);
          }
        }
      }
    }
  }

  /** 16x8 convolution: INT16 activations (zero point 0), INT8 filter, INT64 bias, 64-bit accumulator. */
  public static void convInt16(ConvGeometry g, short[] in, int inBase, byte[] filter, int fBase, long[] bias,
      int bBase, int[] multiplier, int[] shift, int actMin, int actMax, short[] out, int outBase) {
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        for (int ox = 0; ox < g.outW(); ox++) {
          for (int oc = 0; oc < g.outC(); oc++) {
            long acc = 0;
            for (int fy = 0; fy < g.filterH(); fy++) {
              int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
              for (int fx = 0; fx < g.filterW(); fx++) {
                int ix = ox * g.strideW() - g.padW() + fx * g.dilationW();
                if (iy < 0 || iy >= g.inH() || ix < 0 || ix >= g.inW()) {
                  continue;
                }
                int i = inBase + ((b * g.inH() + iy) * g.inW() + ix) * g.inC();
                int f = fBase + ((oc * g.filterH() + fy) * g.filterW() + fx) * g.inC();
                for (int ic = 0; ic < g.inC(); ic++) {
                  acc += filter[f + ic] * in[i + ic];
                }
              }
            }
            if (bias != null) {
              acc += bias[bBase + oc];
            }
            int v = FixedPoint.multiplyByQuantizedMultiplier(acc, multiplier[oc], shift[oc]);
            out[outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + oc] = (short) FixedPoint.clamp(v, actMin, actMax);
          }
        }
      }
    }
  }

  public static void depthwiseFloat(ConvGeometry g, float[] in, int inBase, float[] filter, int fBase, float[] bias,
      int bBase, float actMin, float actMax, float[] out, int outBase) {
    int m = g.depthMultiplier();
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        for (int ox = 0; ox < g.outW(); ox++) {
          for (int ic = 0; ic < g.inC(); ic++) {
            for (int j = 0; j < m; j++) {
              int oc = ic * m + j;
              float total = 0f;
              for (int fy = 0; fy < g.filterH(); fy++) {
                int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
                for (int fx = 0; fx < g.filterW(); fx++) {
                  int ix = ox * g.strideW() - g.padW() + fx * g.dilationW();
                  if (iy >= 0 && iy < g.inH() && ix >= 0 && ix < g.inW()) {
                    total += in[inBase + ((b * g.inH() + iy) * g.inW() + ix) * g.inC() + ic]
                        * filter[fBase + (fy * g.filterW() + fx) * g.outC() + oc];
                  }
                }
              }
              float v = total + (bias == null ? 0f : bias[bBase + oc]);
              out[outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + oc] = Math.min(Math.max(v, actMin), actMax);
            }
          }
        }
      }
    }
  }

  public static void depthwiseInt8(ConvGeometry g, byte[] in, int inBase, int inputOffset, byte[] filter, int fBase,
      int[] bias, int bBase, int[] multiplier, int[] shift, boolean singleRounding, int outputOffset, int actMin,
      int actMax, byte[] out, int outBase) {
    int m = g.depthMultiplier();
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        for (int ox = 0; ox < g.outW(); ox++) {
          for (int ic = 0; ic < g.inC(); ic++) {
            for (int j = 0; j < m; j++) {
              int oc = ic * m + j;
              int acc = 0;
              for (int fy = 0; fy < g.filterH(); fy++) {
                int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
                for (int fx = 0; fx < g.filterW(); fx++) {
                  int ix = ox * g.strideW() - g.padW() + fx * g.dilationW();
                  if (iy >= 0 && iy < g.inH() && ix >= 0 && ix < g.inW()) {
                    acc += filter[fBase + (fy * g.filterW() + fx) * g.outC() + oc]
                        * (in[inBase + ((b * g.inH() + iy) * g.inW() + ix) * g.inC() + ic] + inputOffset);
                  }
                }
              }
              if (bias != null) {
                acc += bias[bBase + oc];
              }
              int v = requantize(acc, multiplier[oc], shift[oc], singleRounding) + outputOffset;
              out[outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + oc] = (byte) FixedPoint.clamp(v, actMin, actMax);
            }
          }
        }
      }
    }
  }

  public static void depthwiseInt16(ConvGeometry g, short[] in, int inBase, byte[] filter, int fBase, long[] bias,
      int bBase, int[] multiplier, int[] shift, int actMin, int actMax, short[] out, int outBase) {
    int m = g.depthMultiplier();
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        for (int ox = 0; ox < g.outW(); ox++) {
          for (int ic = 0; ic < g.inC(); ic++) {
            for (int j = 0; j < m; j++) {
              int oc = ic * m + j;
              long acc = 0;
              for (int fy = 0; fy < g.filterH(); fy++) {
                int iy = oy * g.strideH() - g.padH() + fy * g.dilationH();
                for (int fx = 0; fx < g.filterW(); fx++) {
                  int ix = ox * g.strideW() - g.padW() + fx * g.dilationW();
                  if (iy >= 0 && iy < g.inH() && ix >= 0 && ix < g.inW()) {
                    acc += filter[fBase + (fy * g.filterW() + fx) * g.outC() + oc]
                        * in[inBase + ((b * g.inH() + iy) * g.inW() + ix) * g.inC() + ic];
                  }
                }
              }
              if (bias != null) {
                acc += bias[bBase + oc];
              }
              int v = FixedPoint.multiplyByQuantizedMultiplier(acc, multiplier[oc], shift[oc]);
              out[outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + oc] = (short) FixedPoint.clamp(v, actMin, actMax);
            }
          }
        }
      }
    }
  }

  static int requantize(int acc, int multiplier, int shift, boolean singleRounding) {
    return singleRounding
        ? FixedPoint.multiplyByQuantizedMultiplierSingleRounding(acc, multiplier, shift)
        : FixedPoint.multiplyByQuantizedMultiplier(acc, multiplier, shift);
  }
}
