package dev.edgeinfer.tflite.kernels.ref;

/**
 * The float LSTM cell of TensorFlow Lite (lstm_eval.cc, LstmStepFloat without peephole, layer
 * norm or projection): gates are bias + W·x + R·h, activated; the cell is f·c + i·g, clipped.
 * Arrays are indexed from the given offsets; nothing allocates.
 */
public final class LstmFloatMath {
  private LstmFloatMath() {}

  /** The schema's ActivationFunctionType codes an LSTM may use for its cell gate and output. */
  public static final int NONE = 0, RELU = 1, RELU_N1_TO_1 = 2, RELU6 = 3, TANH = 4, SIGMOID = -1;

  /** gate[b][r] = act(bias[r] + W[r]·x[b] + R[r]·h[b]). */
  public static void gate(float[] x, int xOff, float[] w, int wOff, float[] h, int hOff, float[] r, int rOff,
      float[] bias, int biasOff, int batches, int nInput, int nOutput, int nCell, int activation, float[] gate) {
    for (int b = 0; b < batches; b++) {
      for (int c = 0; c < nCell; c++) {
        float acc = 0f;
        int row = wOff + c * nInput;
        int xb = xOff + b * nInput;
        for (int k = 0; k < nInput; k++) {
          acc += w[row + k] * x[xb + k];
        }
        float rec = 0f;
        int rrow = rOff + c * nOutput;
        int hb = hOff + b * nOutput;
        for (int k = 0; k < nOutput; k++) {
          rec += r[rrow + k] * h[hb + k];
        }
        gate[b * nCell + c] = activate(bias[biasOff + c] + acc + rec, activation);
      }
    }
  }

  /**
   * {@code acc[r] = sum_k W[r][k] * x[k]} for the {@code rows} stacked rows of all gates (a multiple
   * of 8), with W packed by {@link #packRows8}. The reference's per-row sum is one chain of
   * dependent float adds, latency-bound; here eight rows advance together as eight independent
   * chains (C2 on JDK 17 vectorizes neither an ordered float reduction nor a store into one
   * float array mixed with loads from another), each row still adding its terms in the order
   * k = 0, 1, ..., without fusing, so every sum is bit-exact.
   */
  public static void products8(float[] x, int xOff, float[] packed, int cols, int rows, float[] acc) {
    for (int r = 0; r < rows; r += 8) {
      float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, a4 = 0f, a5 = 0f, a6 = 0f, a7 = 0f;
      int block = r * cols;
      for (int k = 0; k < cols; k++) {
        float xk = x[xOff + k];
        int q = block + 8 * k;
        a0 += packed[q] * xk;
        a1 += packed[q + 1] * xk;
        a2 += packed[q + 2] * xk;
        a3 += packed[q + 3] * xk;
        a4 += packed[q + 4] * xk;
        a5 += packed[q + 5] * xk;
        a6 += packed[q + 6] * xk;
        a7 += packed[q + 7] * xk;
      }
      acc[r] = a0;
      acc[r + 1] = a1;
      acc[r + 2] = a2;
      acc[r + 3] = a3;
      acc[r + 4] = a4;
      acc[r + 5] = a5;
      acc[r + 6] = a6;
      acc[r + 7] = a7;
    }
  }

  /**
   * {@code acc[r] = sum_k W[r][k] * x[k]} for {@code rows} rows, with W transposed by
   * {@link #packTransposed} ({@code wT[k][r]}). The inner loop {@code acc[r] += wk[r] * xk} indexes
   * every array by the same variable, so C2 vectorizes it across rows; each row still adds its terms
   * in the order k = 0, 1, ..., starting from 0f, without fusing: bit-exact with the reference.
   */
  public static void productsT(float[] x, int xOff, float[][] wT, int rows, float[] acc) {
    java.util.Arrays.fill(acc, 0, rows, 0f);
    for (int k = 0; k < wT.length; k++) {
      float xk = x[xOff + k];
      float[] wk = wT[k];
      for (int r = 0; r < rows; r++) {
        acc[r] += wk[r] * xk;
      }
    }
  }

  /** Stores row-major {@code w} ({@code rows x cols}) as rows {@code rowOff..} of {@code wT[cols][..]}. */
  public static void packTransposed(float[] w, int wOff, int rows, int cols, float[][] wT, int rowOff) {
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        wT[k][rowOff + r] = w[wOff + r * cols + k];
      }
    }
  }

  /**
   * Packs row-major {@code w} ({@code rows x cols}) as rows {@code rowOff..} of a
   * {@link #products8} layout: row R, column k at {@code (R / 8) * 8 * cols + 8 * k + R % 8}.
   */
  public static void packRows8(float[] w, int wOff, int rows, int cols, float[] packed, int rowOff) {
    for (int r = 0; r < rows; r++) {
      int row = rowOff + r;
      for (int k = 0; k < cols; k++) {
        packed[(row / 8) * 8 * cols + 8 * k + row % 8] = w[wOff + r * cols + k];
      }
    }
  }

  /** cell = forget·cell + input·cellGate (input = 1 - forget when null), clipped to ±clip when clip > 0. */
  public static void updateCell(float[] cell, int cellOff, float[] input, float[] forget, float[] cellGate, int n,
      float clip) {
    for (int i = 0; i < n; i++) {
      float in = input == null ? 1f - forget[i] : input[i];
      float c = forget[i] * cell[cellOff + i] + cellGate[i] * in;
      if (clip > 0f) {
        c = Math.max(-clip, Math.min(clip, c));
      }
      cell[cellOff + i] = c;
    }
  }

  /** h = outputGate · act(cell). */
  public static void hidden(float[] outputGate, float[] cell, int cellOff, int activation, int n, float[] h,
      int hOff) {
    for (int i = 0; i < n; i++) {
      h[hOff + i] = outputGate[i] * activate(cell[cellOff + i], activation);
    }
  }

  /**
   * {@link #activate} with a faster tanh ({@link #tanhFast}); every other activation is the
   * reference's own.
   */
  public static float activateFast(float x, int activation) {
    return activation == TANH ? tanhFast(x) : activate(x, activation);
  }

  /** {@link #hidden} through {@link #activateFast}. */
  public static void hiddenFast(float[] outputGate, float[] cell, int cellOff, int activation, int n, float[] h,
      int hOff) {
    for (int i = 0; i < n; i++) {
      h[hOff + i] = outputGate[i] * activateFast(cell[cellOff + i], activation);
    }
  }

  /**
   * {@code (float) Math.tanh(x)} within 1e-6 relative (in practice equal: the double result is
   * within about 1e-14 relative before rounding to float), some three times faster on JDK 17,
   * whose Math.tanh is not an intrinsic while Math.exp is: {@code 1 - 2 / (e^2x + 1)}, and below
   * |x| = 1/16, where that would cancel, the Taylor series to x^9 (truncation below 1e-14 relative).
   * Infinities give ±1, NaN gives NaN, ±0 gives ±0.
   */
  public static float tanhFast(float x) {
    double d = x;
    if (Math.abs(d) < 0.0625) {
      double d2 = d * d;
      return (float) (d * (1 + d2 * (-1.0 / 3 + d2 * (2.0 / 15 + d2 * (-17.0 / 315 + d2 * (62.0 / 2835))))));
    }
    double e = Math.exp(2 * d);
    return (float) (1 - 2 / (e + 1));
  }

  public static float activate(float x, int activation) {
    return switch (activation) {
      case NONE -> x;
      case RELU -> Math.max(0f, x);
      case RELU_N1_TO_1 -> Math.max(-1f, Math.min(1f, x));
      case RELU6 -> Math.max(0f, Math.min(6f, x));
      case TANH -> (float) Math.tanh(x);
      case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
      default -> throw new IllegalArgumentException("activation " + activation);
    };
  }
}
