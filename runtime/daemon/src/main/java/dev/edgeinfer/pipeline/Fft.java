package dev.edgeinfer.pipeline;

/**
 * In-place iterative radix-2 FFT of one fixed power-of-two size, forward direction
 * (X[k] = sum x[n] e^{-2 pi i k n / N}). Twiddles and the bit-reversal order are computed once
 * with StrictMath, so transforms allocate nothing and give the same bits on every JVM.
 * Not thread-safe only in the sense that callers own their arrays; the tables are read-only.
 */
public final class Fft {

  private final int n;
  private final double[] cos;
  private final double[] sin;
  private final int[] reversed;

  public Fft(int n) {
    if (n < 1 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two, got " + n);
    }
    this.n = n;
    cos = new double[Math.max(1, n / 2)];
    sin = new double[Math.max(1, n / 2)];
    for (int k = 0; k < n / 2; k++) {
      double angle = -2 * Math.PI * k / n;
      cos[k] = StrictMath.cos(angle);
      sin[k] = StrictMath.sin(angle);
    }
    reversed = new int[n];
    int bits = Integer.numberOfTrailingZeros(n);
    for (int i = 0; i < n; i++) {
      reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
  }

  public int size() {
    return n;
  }

  /** Transforms {@code re}/{@code im} (each at least n long) in place. */
  public void transform(double[] re, double[] im) {
    if (re.length < n || im.length < n) {
      throw new IllegalArgumentException("arrays shorter than the FFT size " + n);
    }
    for (int i = 0; i < n; i++) {
      int j = reversed[i];
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int half = 1; half < n; half <<= 1) {
      int step = n / (2 * half); // twiddle stride for this stage
      for (int start = 0; start < n; start += 2 * half) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * step];
          double wi = sin[k * step];
          int a = start + k;
          int b = a + half;
          double tr = re[b] * wr - im[b] * wi;
          double ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  }
}
