package dev.edgeinfer.tflite.kernels.ref;

/**
 * TensorFlow Lite's fixed-point arithmetic for quantized kernels (tensorflow/lite/kernels/internal
 * /common.h and quantization_util.cc, the default build without TFLITE_SINGLE_ROUNDING): real
 * multipliers as a 32-bit mantissa and a power-of-two shift, and gemmlowp's rounding, saturating
 * multiply. Kernels call these in {@code eval}; they allocate nothing.
 */
public final class FixedPoint {
  private FixedPoint() {}

  /** A real multiplier as TensorFlow Lite stores it: {@code real ≈ multiplier * 2^(shift - 31)}. */
  public record Multiplier(int multiplier, int shift) {
    public int apply(int x) {
      return multiplyByQuantizedMultiplier(x, multiplier, shift);
    }
  }

  /**
   * QuantizeMultiplier: the mantissa in [0.5, 1) scaled to 31 bits and rounded half away from
   * zero (std::round), renormalized when rounding reaches 2^31, and zero below 2^-31.
   */
  public static Multiplier quantizeMultiplier(double real) {
    if (real == 0.0) {
      return new Multiplier(0, 0);
    }
    int exponent = Math.getExponent(real) + 1;
    double mantissa = Math.scalb(real, -exponent);
    if (Math.abs(mantissa) < 0.5) { // subnormal input: normalize by hand
      while (Math.abs(mantissa) < 0.5) {
        mantissa *= 2;
        exponent--;
      }
    }
    long fixed = roundHalfAwayFromZero(mantissa * (1L << 31));
    if (fixed == (1L << 31)) {
      fixed /= 2;
      exponent++;
    }
    if (exponent < -31) {
      exponent = 0;
      fixed = 0;
    }
    return new Multiplier((int) fixed, exponent);
  }

  public static long roundHalfAwayFromZero(double x) {
    return x < 0 ? -(long) Math.floor(-x + 0.5) : (long) Math.floor(x + 0.5);
  }

  /**
   * std::round of a float, as TfLiteRound(float) gives it. The half is added in double: in float,
   * {@code 0.49999997f + 0.5f} rounds up to 1.
   */
  public static int roundHalfAwayFromZero(float x) {
    double d = x;
    return d < 0 ? -(int) Math.floor(-d + 0.5) : (int) Math.floor(d + 0.5);
  }

  /** gemmlowp's SaturatingRoundingDoublingHighMul: the high 32 bits of 2ab, rounded, saturating at MIN*MIN. */
  public static int saturatingRoundingDoublingHighMul(int a, int b) {
    if (a == b && a == Integer.MIN_VALUE) {
      return Integer.MAX_VALUE;
    }
    long ab = (long) a * b;
    long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
    return (int) ((ab + nudge) / (1L << 31));
  }

  /** gemmlowp's RoundingDivideByPOT: x / 2^exponent, rounded half away from zero. */
  public static int roundingDivideByPOT(int x, int exponent) {
    int mask = (int) ((1L << exponent) - 1);
    int remainder = x & mask;
    int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
  }

  /** MultiplyByQuantizedMultiplier (double rounding): x * multiplier * 2^(shift - 31). */
  public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
    int leftShift = shift > 0 ? shift : 0;
    int rightShift = shift > 0 ? 0 : -shift;
    return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
  }

  /**
   * The requantization TensorFlow Lite 2.19's builtin INT8 CONV_2D and FULLY_CONNECTED perform on
   * x86_64 (through cpu_backend_gemm): ARM's SQRDMULH, the doubling high multiply
   * rounded half up, then SRSHL's rounding right shift, also half up. It differs from
   * {@link #multiplyByQuantizedMultiplier(int, int, int)} (gemmlowp's rounding, ties away from
   * zero) and from exact single rounding only near ties; found against TensorFlow Lite's own
   * per-layer outputs on mobilenet_v2, where it matches every element. Multiplier in [0, 2^31),
   * shift in [-31, 7].
   */
  public static int multiplyByQuantizedMultiplierHalfUp(int x, int multiplier, int shift) {
    int leftShift = shift > 0 ? shift : 0;
    int rightShift = shift > 0 ? 0 : -shift;
    int high = (int) (((long) (x << leftShift) * multiplier + (1L << 30)) >> 31);
    // the rounding bit is the highest bit shifted out: no overflow when high is near the int range's top
    return rightShift == 0 ? high : (high >> rightShift) + ((high >> (rightShift - 1)) & 1);
  }

  /**
   * The 64-bit-accumulator MultiplyByQuantizedMultiplier of the 16x8 kernels: the multiplier is
   * reduced to 16 bits and the product rounded once. Assumes TensorFlow Lite's ranges (|x| < 2^47,
   * shift in [-31, 7]).
   */
  public static int multiplyByQuantizedMultiplier(long x, int multiplier, int shift) {
    int reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
    int totalShift = 15 - shift;
    long round = 1L << (totalShift - 1);
    long result = (x * reduced + round) >> totalShift;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
  }

  public static int clamp(int x, int min, int max) {
    return x < min ? min : (x > max ? max : x);
  }
}
