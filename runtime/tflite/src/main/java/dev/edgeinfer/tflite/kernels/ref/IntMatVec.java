package dev.edgeinfer.tflite.kernels.ref;

/**
 * A fast INT8 matrix-vector product for FULLY_CONNECTED and SVDF, bit-exact with the reference
 * loops: {@code acc[n] = bias[n] + sum_k (w[n][k] + weightOffset) * (x[k] + inputOffset)}.
 *
 * <p>Integer arithmetic wraps modulo 2^32, so the sum may be reordered freely: the input offset is
 * folded into the bias in {@link #IntMatVec} ({@code inputOffset * sum_k (w[n][k] + weightOffset)}),
 * and the weights are widened to int and transposed, so that the inner loop is
 * {@code acc[n] += wk[n] * xk}, which C2 vectorizes (every array indexed by the same variable).
 */
public final class IntMatVec {
  /** Weights above this many elements stay with the reference loop (the widened copy is 4x larger). */
  public static final int MAX_WIDENED = 1 << 20;

  private final int rows;
  private final int cols;
  private final int[][] wT;
  private final int[] folded;

  /** {@code w} holds {@code rows x cols} INT8 weights at {@code wOff}; {@code bias} may be null. */
  public IntMatVec(byte[] w, int wOff, int rows, int cols, int weightOffset, int inputOffset, int[] bias, int bOff) {
    this.rows = rows;
    this.cols = cols;
    this.wT = new int[cols][rows];
    this.folded = new int[rows];
    for (int n = 0; n < rows; n++) {
      int sum = 0;
      for (int k = 0; k < cols; k++) {
        int v = w[wOff + n * cols + k] + weightOffset;
        wT[k][n] = v;
        sum += v;
      }
      folded[n] = (bias == null ? 0 : bias[bOff + n]) + inputOffset * sum;
    }
  }

  public static boolean fits(long rows, long cols) {
    return rows * cols <= MAX_WIDENED;
  }

  /** {@code acc[0..rows)} = the product with {@code x[xOff..xOff+cols)}, bias and offsets included. */
  public void run(byte[] x, int xOff, int[] acc) {
    int r = rows;
    System.arraycopy(folded, 0, acc, 0, r);
    for (int k = 0; k < cols; k++) {
      int xk = x[xOff + k];
      if (xk == 0) {
        continue;
      }
      int[] wk = wT[k];
      for (int n = 0; n < r; n++) {
        acc[n] += wk[n] * xk;
      }
    }
  }

  public int rows() {
    return rows;
  }

  /** The FULLY_CONNECTED INT8 kernel on top of {@link #run}; {@code acc} holds {@code rows} ints. */
  public void fullyConnectedInt8(int batches, byte[] in, int inBase, int[] multiplier, int[] shift,
      boolean halfUp, int outputOffset, int actMin, int actMax, byte[] out, int outBase, int[] acc) {
    for (int b = 0; b < batches; b++) {
      run(in, inBase + b * cols, acc);
      int o = outBase + b * rows;
      for (int n = 0; n < rows; n++) {
        int v = ConvMath.requantize(acc[n], multiplier[n], shift[n], halfUp) + outputOffset;
        out[o + n] = (byte) FixedPoint.clamp(v, actMin, actMax);
      }
    }
  }
}
