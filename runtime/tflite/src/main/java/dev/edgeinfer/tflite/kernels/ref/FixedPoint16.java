package dev.edgeinfer.tflite.kernels.ref;

/**
 * gemmlowp's fixed-point logistic and tanh on 16-bit raw values (fixedpoint/fixedpoint.h, the
 * generic scalar code TensorFlow Lite's portable {@code ApplySigmoid}/{@code ApplyTanh} run on
 * every CPU without NEON). A value with {@code m} integer bits is {@code raw / 2^(15 - m)}.
 *
 * <p>Every step reproduces the C++ arithmetic on {@code int16_t}: sums and differences wrap to 16
 * bits, products are the saturating rounding doubling high multiply, and 32-bit constants are
 * rounded down to 16 bits as gemmlowp's constant initializer does.
 */
public final class FixedPoint16 {
  private FixedPoint16() {}

  /**
   * Whole-domain tables of {@link #logistic} and {@link #tanh}, keyed by function and integer bits:
   * an int16 input has only 65,536 values, so a table computed once from the reference routines
   * is bit-exact by construction and replaces ~100 dependent multiplies per element in the LSTM's
   * per-step activations. Shared by every node (and every interpreter) with the same key, so a
   * model's load pays for each table at most once per JVM.
   */
  private static final java.util.concurrent.ConcurrentHashMap<Long, short[]> TABLES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code table[raw + 32768] == logistic(raw, integerBits)} for every int16 {@code raw}. */
  public static short[] logisticTable(int integerBits) {
    return TABLES.computeIfAbsent(((long) integerBits << 1), k -> {
      short[] t = new short[1 << 16];
      for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
        t[v + 32768] = logistic((short) v, integerBits);
      }
      return t;
    });
  }

  /** {@code table[raw + 32768] == tanh(raw, integerBits)} for every int16 {@code raw}. */
  public static short[] tanhTable(int integerBits) {
    return TABLES.computeIfAbsent(((long) integerBits << 1) | 1, k -> {
      short[] t = new short[1 << 16];
      for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
        t[v + 32768] = tanh((short) v, integerBits);
      }
      return t;
    });
  }

  /** 1.0 with no integer bits saturates to the largest raw value. */
  private static final int ONE_Q0 = Short.MAX_VALUE;
  /** exp(-1/8) and 1/3, with no integer bits. */
  private static final int EXP_MINUS_ONE_EIGHTH = constant(1895147668), ONE_THIRD = constant(715827883);
  /** 48/17 and -32/17, with 2 integer bits (Newton-Raphson start for 1/x). */
  private static final int C48_OVER_17 = constant(1515870810), CNEG32_OVER_17 = constant(-1010580540);
  /** exp(-2^k) for k = -2..4, with no integer bits. */
  private static final int[] EXP_BARREL = {constant(1672461947), constant(1302514674), constant(790015084),
      constant(290630308), constant(39332535), constant(720401), constant(242)};

  /** A 32-bit gemmlowp constant rounded to 16 bits (RescaleConstantInitializer). */
  static int constant(int raw32) {
    return (short) FixedPoint.roundingDivideByPOT(raw32, 16);
  }

  static int wrap(int x) {
    return (short) x;
  }

  /** SaturatingRoundingDoublingHighMul on int16. */
  static int mul(int a, int b) {
    if (a == b && a == Short.MIN_VALUE) {
      return Short.MAX_VALUE;
    }
    int ab = a * b;
    int nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
    return (short) ((ab + nudge) / (1 << 15));
  }

  static int roundingDivideByPOT(int x, int exponent) {
    int mask = (1 << exponent) - 1;
    int remainder = x & mask;
    int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (short) ((x >> exponent) + (remainder > threshold ? 1 : 0));
  }

  /** Multiplication by 2^exponent: saturating left shift, or rounding right shift. */
  static int multiplyByPOT(int x, int exponent) {
    if (exponent > 0) {
      int threshold = (1 << (15 - exponent)) - 1;
      if (x > threshold) {
        return Short.MAX_VALUE;
      }
      if (x < -threshold) {
        return Short.MIN_VALUE;
      }
      return (short) (x << exponent);
    }
    return exponent < 0 ? roundingDivideByPOT(x, -exponent) : x;
  }

  static int saturatingAdd(int a, int b) {
    return FixedPoint.clamp(a + b, Short.MIN_VALUE, Short.MAX_VALUE);
  }

  static int roundingHalfSum(int a, int b) {
    int sum = a + b;
    int sign = sum >= 0 ? 1 : -1;
    return (short) ((sum + sign) / 2);
  }

  /** exp(a) for a in [-1/4, 0), Q0.15 in and out: Taylor expansion around -1/8. */
  static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
    int x = wrap(a + (1 << 12));
    int x2 = mul(x, x);
    int x3 = mul(x2, x);
    int x4 = mul(x2, x2);
    int x4Over4 = roundingDivideByPOT(x4, 2);
    int poly = roundingDivideByPOT(wrap(mul(wrap(x4Over4 + x3), ONE_THIRD) + x2), 1);
    return saturatingAdd(EXP_MINUS_ONE_EIGHTH, mul(EXP_MINUS_ONE_EIGHTH, wrap(x + poly)));
  }

  /** exp(a) for a &lt;= 0 with {@code integerBits} integer bits; the result has none. */
  static int expOnNegativeValues(int a, int integerBits) {
    int fractionalBits = 15 - integerBits;
    int oneQuarter = 1 << (fractionalBits - 2);
    int mask = wrap(oneQuarter - 1);
    int aModQuarterMinusOneQuarter = wrap((a & mask) - oneQuarter);
    int result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(multiplyByPOT(aModQuarterMinusOneQuarter, integerBits));
    int remainder = wrap(aModQuarterMinusOneQuarter - a);
    for (int exponent = -2; exponent <= 4; exponent++) {
      if (integerBits > exponent && (remainder & wrap(1 << (fractionalBits + exponent))) != 0) {
        result = mul(result, EXP_BARREL[exponent + 2]);
      }
    }
    if (integerBits > 5) {
      int clamp = constant(-(1 << (36 - integerBits)));
      if (a < clamp) {
        result = 0;
      }
    }
    return a == 0 ? ONE_Q0 : result;
  }

  /** Newton-Raphson reciprocal of (1 + a), a in (0, 1), in Q2.13. */
  private static int reciprocalOfOnePlus(int halfDenominator) {
    int x = wrap(C48_OVER_17 + mul(halfDenominator, CNEG32_OVER_17));
    for (int i = 0; i < 3; i++) {
      int oneMinusHalfDenominatorTimesX = wrap((1 << 13) - mul(halfDenominator, x));
      x = wrap(x + multiplyByPOT(mul(x, oneMinusHalfDenominatorTimesX), 2));
    }
    return x;
  }

  /** 1 / (1 + a) for a in (0, 1), Q0.15. */
  static int oneOverOnePlusX(int a) {
    return multiplyByPOT(reciprocalOfOnePlus(roundingHalfSum(a, ONE_Q0)), 1);
  }

  /** (1 - a) / (1 + a) for a in (0, 1), Q0.15. */
  static int oneMinusXOverOnePlusX(int a) {
    return multiplyByPOT(wrap(reciprocalOfOnePlus(roundingHalfSum(a, ONE_Q0)) - (1 << 13)), 2);
  }

  /** gemmlowp::logistic of a raw int16 value with {@code integerBits} integer bits; Q0.15 result. */
  public static short logistic(short raw, int integerBits) {
    int a = raw;
    int abs = a > 0 ? a : wrap(-a);
    int positive = oneOverOnePlusX(expOnNegativeValues(wrap(-abs), integerBits));
    if (a == 0) {
      return (short) constant(1 << 30);
    }
    return (short) (a > 0 ? positive : wrap(ONE_Q0 - positive));
  }

  /** gemmlowp::tanh of a raw int16 value with {@code integerBits} integer bits; Q0.15 result. */
  public static short tanh(short raw, int integerBits) {
    int a = raw;
    int negative = a < 0 ? a : wrap(-a);
    int t = oneMinusXOverOnePlusX(expOnNegativeValues(negative, integerBits + 1));
    if (a == 0) {
      return 0;
    }
    return (short) (a < 0 ? wrap(-t) : t);
  }
}
