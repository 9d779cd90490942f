package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** gemmlowp's int16 logistic and tanh against TensorFlow Lite's own test vectors, symmetry and range. */
class FixedPoint16Test {

  @Test
  void constant_roundsThe32BitValueTo16Bits() {
    assertEquals(16384, FixedPoint16.constant(1 << 30)); // 0.5
    assertEquals(0, FixedPoint16.constant(242)); // exp(-16) vanishes in 16 bits
    assertEquals(25520, FixedPoint16.constant(1672461947)); // exp(-1/4) = 0.7788
  }

  @Test
  void logistic_zero_isOneHalf() {
    assertEquals(16384, FixedPoint16.logistic((short) 0, 3));
  }

  /** Inputs and outputs of TensorFlow Lite's own tensor_utils test (QuantSigmoidTest). */
  @Test
  void logistic_q3_12_matchesTensorFlowLiteTestVectors() {
    short[] in = {-10500, 1398, -6963, -7404, 485, -5401, -1757, -7668, -19248, 32767, -1123, 11482};
    short[] expected = {2339, 19152, 5063, 4617, 17350, 6917, 12921, 4371, 299, 32756, 14153, 30898};
    for (int i = 0; i < in.length; i++) {
      assertEquals(expected[i], FixedPoint16.logistic(in[i], 3), "logistic(" + in[i] + ")");
    }
  }

  /** Inputs and outputs of TensorFlow Lite's own tensor_utils test (QuantTanh4Test). */
  @Test
  void tanh_q4_11_matchesTensorFlowLiteTestVectors() {
    short[] in = {-5, 163, -31, 54, 90, 1, 2, -42, 150, -73, -92};
    short[] expected = {-76, 2596, -496, 856, 1436, 24, 36, -672, 2400, -1168, -1476};
    for (int i = 0; i < in.length; i++) {
      assertEquals(expected[i], FixedPoint16.tanh(in[i], 4), "tanh(" + in[i] + ")");
    }
  }

  /** 16-bit gemmlowp is coarse (a few units off the real function), never grossly wrong. */
  @Test
  void logisticAndTanh_everyInput_stayNearTheRealFunctions() {
    int worstLogistic = 0;
    int worstTanh = 0;
    for (int raw = -32767; raw <= Short.MAX_VALUE; raw++) {
      double sigmoid = 1.0 / (1.0 + Math.exp(-raw / 4096.0));
      worstLogistic = Math.max(worstLogistic,
          (int) Math.abs(FixedPoint16.logistic((short) raw, 3) - Math.min(32767, Math.round(sigmoid * 32768))));
      if (raw != 0) {
        assertEquals(32767 - FixedPoint16.logistic((short) -raw, 3), FixedPoint16.logistic((short) raw, 3), "at " + raw);
      }
      short t = FixedPoint16.tanh((short) raw, 3);
      assertEquals(-t, FixedPoint16.tanh((short) -raw, 3), "at " + raw);
      worstTanh = Math.max(worstTanh, (int) Math.abs(t - Math.min(32767, Math.round(Math.tanh(raw / 4096.0) * 32768))));
    }
    assertTrue(worstLogistic <= 16, "logistic: largest error " + worstLogistic);
    assertTrue(worstTanh <= 16, "tanh: largest error " + worstTanh);
    assertEquals(0, FixedPoint16.tanh((short) 0, 3));
  }

  @Test
  void mul_saturatesMinTimesMin() {
    assertEquals(32767, FixedPoint16.mul(-32768, -32768));
    assertEquals(-16384, FixedPoint16.mul(-32768, 16384));
    assertEquals(1, FixedPoint16.mul(1, 16384)); // 0.5 rounds away from zero
  }
}
