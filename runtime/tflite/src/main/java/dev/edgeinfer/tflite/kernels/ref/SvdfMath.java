package dev.edgeinfer.tflite.kernels.ref;

/**
 * SVDF (TensorFlow Lite 2.19, kernels/internal/reference/svdf.h): a feature matmul whose result
 * enters the newest column of a per-filter memory, then a per-filter dot product with the time
 * weights over the memory, summed over each unit's {@code rank} filters, plus bias.
 *
 * <p>The state is {@code [batch][filter][memory]}; each invocation first shifts the whole buffer
 * left by one element (the oldest column falls out, the newest is then overwritten).
 */
public final class SvdfMath {
  private SvdfMath() {}

  /** Sizes of one SVDF node. */
  public record Dims(int batches, int nInput, int nFilter, int nMemory, int rank) {
    public int nUnit() {
      return nFilter / rank;
    }
  }

  /**
   * EvalIntegerSVDF: int8 input and feature weights, int16 time weights and state, int32 bias,
   * int8 output; {@code scratch} holds batches x filters and {@code outTemp} batches x units.
   */
  public static void evalInteger(Dims d, byte[] in, int inOff, int inputZp, byte[] wf, int wfOff, short[] wt,
      int wtOff, int[] bias, int biasOff, short[] state, int stateOff, int scale1, int shift1, int scale2, int shift2,
      int outputZp, int[] scratch, int[] outTemp, byte[] out, int outOff) {
    int nMemory = d.nMemory();
    int nFilter = d.nFilter();
    System.arraycopy(state, stateOff + 1, state, stateOff, d.batches() * nFilter * nMemory - 1);
    for (int b = 0; b < d.batches(); b++) {
      int x = inOff + b * d.nInput();
      for (int f = 0; f < nFilter; f++) {
        int row = wfOff + f * d.nInput();
        int dot = 0;
        for (int c = 0; c < d.nInput(); c++) {
          dot += wf[row + c] * (in[x + c] - inputZp);
        }
        dot = FixedPoint.multiplyByQuantizedMultiplier(dot, scale1, shift1);
        state[stateOff + (b * nFilter + f) * nMemory + nMemory - 1] =
            (short) FixedPoint.clamp(dot, Short.MIN_VALUE, Short.MAX_VALUE);
      }
    }
    timeAndOutput(d, wt, wtOff, bias, biasOff, state, stateOff, scale2, shift2, outputZp, scratch, outTemp, out,
        outOff);
  }

  /**
   * {@link #evalInteger} with the feature matmul through {@code feature} (built from the feature
   * weights with weight offset 0 and input offset {@code -inputZp}, no bias); {@code acc} holds
   * nFilter ints. Bit-exact with the reference.
   */
  public static void evalIntegerFast(Dims d, byte[] in, int inOff, IntMatVec feature, int[] acc, short[] wt,
      int wtOff, int[] bias, int biasOff, short[] state, int stateOff, int scale1, int shift1, int scale2, int shift2,
      int outputZp, int[] scratch, int[] outTemp, byte[] out, int outOff) {
    int nMemory = d.nMemory();
    int nFilter = d.nFilter();
    System.arraycopy(state, stateOff + 1, state, stateOff, d.batches() * nFilter * nMemory - 1);
    for (int b = 0; b < d.batches(); b++) {
      feature.run(in, inOff + b * d.nInput(), acc);
      int s = stateOff + b * nFilter * nMemory + nMemory - 1;
      for (int f = 0; f < nFilter; f++) {
        int dot = FixedPoint.multiplyByQuantizedMultiplier(acc[f], scale1, shift1);
        state[s + f * nMemory] = (short) FixedPoint.clamp(dot, Short.MIN_VALUE, Short.MAX_VALUE);
      }
    }
    // The reference's time dot, rank sum, bias and requantization per unit, without its i % nUnit.
    int rank = d.rank();
    int nUnit = d.nUnit();
    for (int b = 0; b < d.batches(); b++) {
      int sb = stateOff + b * nFilter * nMemory;
      for (int u = 0; u < nUnit; u++) {
        int sum = 0;
        for (int r = 0; r < rank; r++) {
          int f = u * rank + r;
          int s = sb + f * nMemory;
          int w = wtOff + f * nMemory;
          int dot = 0;
          for (int m = 0; m < nMemory; m++) {
            dot += wt[w + m] * state[s + m];
          }
          sum += dot;
        }
        int total = bias == null ? sum : sum + bias[biasOff + u];
        int v = FixedPoint.multiplyByQuantizedMultiplier(total, scale2, shift2) + outputZp;
        out[outOff + b * nUnit + u] = (byte) FixedPoint.clamp(v, -128, 127);
      }
    }
  }

  private static void timeAndOutput(Dims d, short[] wt, int wtOff, int[] bias, int biasOff, short[] state,
      int stateOff, int scale2, int shift2, int outputZp, int[] scratch, int[] outTemp, byte[] out, int outOff) {
    int nMemory = d.nMemory();
    int nFilter = d.nFilter();
    for (int b = 0; b < d.batches(); b++) {
      for (int f = 0; f < nFilter; f++) {
        int s = stateOff + (b * nFilter + f) * nMemory;
        int w = wtOff + f * nMemory;
        int dot = 0;
        for (int m = 0; m < nMemory; m++) {
          dot += wt[w + m] * state[s + m];
        }
        scratch[b * nFilter + f] = dot;
      }
    }
    int nUnit = d.nUnit();
    for (int i = 0; i < d.batches() * nUnit; i++) {
      int sum = 0;
      for (int r = 0; r < d.rank(); r++) {
        sum += scratch[i * d.rank() + r];
      }
      outTemp[i] = bias == null ? sum : sum + bias[biasOff + i % nUnit];
    }
    for (int i = 0; i < d.batches() * nUnit; i++) {
      int v = FixedPoint.multiplyByQuantizedMultiplier(outTemp[i], scale2, shift2) + outputZp;
      out[outOff + i] = (byte) FixedPoint.clamp(v, -128, 127);
    }
  }

  /** EvalFloatSVDF; {@code scratch} holds batches x filters; the activation is clamped to [min, max]. */
  public static void evalFloat(Dims d, float[] in, int inOff, float[] wf, int wfOff, float[] wt, int wtOff,
      float[] bias, int biasOff, float[] state, int stateOff, int activation, float[] scratch, float[] out,
      int outOff) {
    int nMemory = d.nMemory();
    int nFilter = d.nFilter();
    System.arraycopy(state, stateOff + 1, state, stateOff, d.batches() * nFilter * nMemory - 1);
    for (int b = 0; b < d.batches(); b++) {
      int x = inOff + b * d.nInput();
      for (int f = 0; f < nFilter; f++) {
        int row = wfOff + f * d.nInput();
        float dot = 0f;
        for (int c = 0; c < d.nInput(); c++) {
          dot += wf[row + c] * in[x + c];
        }
        state[stateOff + (b * nFilter + f) * nMemory + nMemory - 1] = dot;
      }
    }
    for (int b = 0; b < d.batches(); b++) {
      for (int f = 0; f < nFilter; f++) {
        int s = stateOff + (b * nFilter + f) * nMemory;
        int w = wtOff + f * nMemory;
        float dot = 0f;
        for (int m = 0; m < nMemory; m++) {
          dot += wt[w + m] * state[s + m];
        }
        scratch[b * nFilter + f] = dot;
      }
    }
    int nUnit = d.nUnit();
    for (int i = 0; i < d.batches() * nUnit; i++) {
      float sum = bias == null ? 0f : bias[biasOff + i % nUnit];
      for (int r = 0; r < d.rank(); r++) {
        sum += scratch[i * d.rank() + r];
      }
      out[outOff + i] = LstmFloatMath.activate(sum, activation);
    }
  }
}
