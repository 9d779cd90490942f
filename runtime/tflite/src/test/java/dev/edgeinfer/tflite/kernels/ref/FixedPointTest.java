package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** FixedPoint against the definitions in TensorFlow Lite's common.h and quantization_util.cc. */
class FixedPointTest {

  @Test
  void quantizeMultiplier_mantissaAndShift() {
    assertEquals(new FixedPoint.Multiplier(1 << 30, 0), FixedPoint.quantizeMultiplier(0.5));
    assertEquals(new FixedPoint.Multiplier(1 << 30, 1), FixedPoint.quantizeMultiplier(1.0));
    assertEquals(new FixedPoint.Multiplier(1610612736, -2), FixedPoint.quantizeMultiplier(0.1875));
    assertEquals(new FixedPoint.Multiplier(0, 0), FixedPoint.quantizeMultiplier(0.0));
  }

  @Test
  void quantizeMultiplier_roundingToTwoPow31_renormalizes() {
    // the mantissa 1 - 2^-40 rounds to 2^31: halved, exponent up by one
    assertEquals(new FixedPoint.Multiplier(1 << 30, 1), FixedPoint.quantizeMultiplier(1.0 - Math.scalb(1.0, -40)));
  }

  @Test
  void quantizeMultiplier_belowTwoPowMinus31_isZero() {
    assertEquals(new FixedPoint.Multiplier(0, 0), FixedPoint.quantizeMultiplier(Math.scalb(1.0, -33)));
    assertEquals(new FixedPoint.Multiplier(1 << 30, -31), FixedPoint.quantizeMultiplier(Math.scalb(1.0, -32)));
  }

  @Test
  void saturatingRoundingDoublingHighMul_saturatesOnlyMinTimesMin() {
    assertEquals(Integer.MAX_VALUE, FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
    assertEquals(1, FixedPoint.saturatingRoundingDoublingHighMul(1 << 30, 1)); // 0.5 rounds up
    assertEquals(0, FixedPoint.saturatingRoundingDoublingHighMul(-(1 << 30), 1)); // -0.5 rounds up too
    assertEquals(-1, FixedPoint.saturatingRoundingDoublingHighMul(-(1 << 30) - 1, 1));
  }

  @Test
  void roundingDivideByPOT_tiesAwayFromZero() {
    assertEquals(2, FixedPoint.roundingDivideByPOT(3, 1));
    assertEquals(-2, FixedPoint.roundingDivideByPOT(-3, 1));
    assertEquals(-1, FixedPoint.roundingDivideByPOT(-5, 2));
    assertEquals(-2, FixedPoint.roundingDivideByPOT(-6, 2));
    assertEquals(7, FixedPoint.roundingDivideByPOT(7, 0));
    assertEquals(-1, FixedPoint.roundingDivideByPOT(Integer.MIN_VALUE, 31));
  }

  @Test
  void multiplyByQuantizedMultiplier_negativeAndPositiveShifts() {
    FixedPoint.Multiplier quarter = FixedPoint.quantizeMultiplier(0.25);
    assertEquals(-3, quarter.apply(-10)); // -2.5: exact after the high multiply, then away from zero
    assertEquals(3, quarter.apply(10));
    FixedPoint.Multiplier three = FixedPoint.quantizeMultiplier(3.0); // shift +2
    assertEquals(-300, three.apply(-100));
    // a left shift that overflows wraps, as the C++ does on two's-complement machines
    assertEquals(Integer.MIN_VALUE >> 1, FixedPoint.multiplyByQuantizedMultiplier(1 << 29, 1 << 30, 2));
  }

  @Test
  void multiplyByQuantizedMultiplierHalfUp_matchesTfliteX86Conv() {
    // taken from mobilenet_v2: acc -5831 at 0.0096905 is -56.505; TensorFlow Lite gives -56, gemmlowp's rounding -57
    assertEquals(-56, FixedPoint.multiplyByQuantizedMultiplierHalfUp(-5831, 1331849316, -6));
    assertEquals(-57, FixedPoint.multiplyByQuantizedMultiplier(-5831, 1331849316, -6));
    // -7.49: the high multiply rounds to -7.5 on the 2^-6 grid, the shift rounds half up to -7
    assertEquals(-7, FixedPoint.multiplyByQuantizedMultiplierHalfUp(-857, 1201567978, -6));
    assertEquals(-8, FixedPoint.multiplyByQuantizedMultiplier(-857, 1201567978, -6));
    assertEquals(-2, FixedPoint.multiplyByQuantizedMultiplierHalfUp(-10, 1 << 30, -1)); // -2.5 -> -2
    assertEquals(40, FixedPoint.multiplyByQuantizedMultiplierHalfUp(10, 1 << 30, 3)); // left shift
    // a high product at the top of the int range rounds without wrapping
    // (2^31 - 2 from the high multiply, plus the rounding bit 2, would wrap in int)
    assertEquals(1 << 29, FixedPoint.multiplyByQuantizedMultiplierHalfUp(Integer.MAX_VALUE, Integer.MAX_VALUE, -2));
  }

  @Test
  void multiplyByQuantizedMultiplier64_reducesTheMultiplierTo16Bits() {
    // 0.5 -> 2^14 with shift 0: (x * 2^14 + 2^14) >> 15, one rounding half up
    assertEquals(-3499, FixedPoint.multiplyByQuantizedMultiplier(-6999L, 1 << 30, 0));
    assertEquals(3500, FixedPoint.multiplyByQuantizedMultiplier(6999L, 1 << 30, 0));
    // the largest multipliers saturate the reduced one at 0x7FFF: 65536 * (1 - 2^-15) = 65534
    assertEquals(65534, FixedPoint.multiplyByQuantizedMultiplier(65536L, Integer.MAX_VALUE, 0));
    assertEquals(Integer.MAX_VALUE, FixedPoint.multiplyByQuantizedMultiplier(1L << 46, 1 << 30, 7));
  }

  @Test
  void roundHalfAwayFromZero_float_justBelowOneHalf() {
    assertEquals(0, FixedPoint.roundHalfAwayFromZero(0.49999997f));
    assertEquals(-0, FixedPoint.roundHalfAwayFromZero(-0.49999997f));
    assertEquals(1, FixedPoint.roundHalfAwayFromZero(0.5f));
    assertEquals(-1, FixedPoint.roundHalfAwayFromZero(-0.5f));
    assertEquals(-3, FixedPoint.roundHalfAwayFromZero(-2.5f));
  }
}
