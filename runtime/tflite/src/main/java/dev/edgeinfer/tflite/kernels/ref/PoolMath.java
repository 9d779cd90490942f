package dev.edgeinfer.tflite.kernels.ref;

/**
 * AVERAGE_POOL_2D and MAX_POOL_2D over NHWC arrays (reference/pooling.h and
 * reference/integer_ops/pooling.h; the optimized INT8 kernels compute the same values). Windows are
 * cut at the input's edges and the average divides by the taps actually inside; quantized averages
 * round half away from zero. Input and output share scale and zero point, so no requantization.
 */
public final class PoolMath {
  private PoolMath() {}

  public static void averageFloat(ConvGeometry g, float[] in, int inBase, float actMin, float actMax, float[] out,
      int outBase) {
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        int y0 = oy * g.strideH() - g.padH();
        int fyStart = Math.max(0, -y0);
        int fyEnd = Math.min(g.filterH(), g.inH() - y0);
        for (int ox = 0; ox < g.outW(); ox++) {
          int x0 = ox * g.strideW() - g.padW();
          int fxStart = Math.max(0, -x0);
          int fxEnd = Math.min(g.filterW(), g.inW() - x0);
          for (int c = 0; c < g.inC(); c++) {
            float total = 0f;
            int count = 0;
            for (int fy = fyStart; fy < fyEnd; fy++) {
              for (int fx = fxStart; fx < fxEnd; fx++) {
                total += in[inBase + ((b * g.inH() + y0 + fy) * g.inW() + x0 + fx) * g.inC() + c];
                count++;
              }
            }
            float v = total / count;
            out[outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + c] = Math.min(Math.max(v, actMin), actMax);
          }
        }
      }
    }
  }

  public static void maxFloat(ConvGeometry g, float[] in, int inBase, float actMin, float actMax, float[] out,
      int outBase) {
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        int y0 = oy * g.strideH() - g.padH();
        int fyStart = Math.max(0, -y0);
        int fyEnd = Math.min(g.filterH(), g.inH() - y0);
        for (int ox = 0; ox < g.outW(); ox++) {
          int x0 = ox * g.strideW() - g.padW();
          int fxStart = Math.max(0, -x0);
          int fxEnd = Math.min(g.filterW(), g.inW() - x0);
          for (int c = 0; c < g.inC(); c++) {
            float max = -Float.MAX_VALUE;
            for (int fy = fyStart; fy < fyEnd; fy++) {
              for (int fx = fxStart; fx < fxEnd; fx++) {
                max = Math.max(max, in[inBase + ((b * g.inH() + y0 + fy) * g.inW() + x0 + fx) * g.inC() + c]);
              }
            }
            out[outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + c] = Math.min(Math.max(max, actMin), actMax);
          }
        }
      }
    }
  }

  /**
   * Quantized pooling over INT8 ({@code byte[]}) or INT16 ({@code short[]}) arrays: {@code average}
   * picks AVERAGE_POOL_2D, otherwise MAX_POOL_2D. Values are read and written through
   * {@link #load}/{@link #store} so one routine serves both types.
   */
  public static void quantized(boolean average, ConvGeometry g, Object in, int inBase, int actMin, int actMax,
      Object out, int outBase) {
    for (int b = 0; b < g.batches(); b++) {
      for (int oy = 0; oy < g.outH(); oy++) {
        int y0 = oy * g.strideH() - g.padH();
        int fyStart = Math.max(0, -y0);
        int fyEnd = Math.min(g.filterH(), g.inH() - y0);
        for (int ox = 0; ox < g.outW(); ox++) {
          int x0 = ox * g.strideW() - g.padW();
          int fxStart = Math.max(0, -x0);
          int fxEnd = Math.min(g.filterW(), g.inW() - x0);
          for (int c = 0; c < g.inC(); c++) {
            int acc = average ? 0 : Integer.MIN_VALUE;
            int count = 0;
            for (int fy = fyStart; fy < fyEnd; fy++) {
              for (int fx = fxStart; fx < fxEnd; fx++) {
                int v = load(in, inBase + ((b * g.inH() + y0 + fy) * g.inW() + x0 + fx) * g.inC() + c);
                acc = average ? acc + v : Math.max(acc, v);
                count++;
              }
            }
            if (average) {
              acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
            }
            store(out, outBase + ((b * g.outH() + oy) * g.outW() + ox) * g.outC() + c,
                FixedPoint.clamp(acc, actMin, actMax));
          }
        }
      }
    }
  }

  private static int load(Object array, int i) {
    return array instanceof byte[] bytes ? bytes[i] : ((short[]) array)[i];
  }

  private static void store(Object array, int i, int v) {
    if (array instanceof byte[] bytes) {
      bytes[i] = (byte) v;
    } else {
      ((short[]) array)[i] = (short) v;
    }
  }
}
