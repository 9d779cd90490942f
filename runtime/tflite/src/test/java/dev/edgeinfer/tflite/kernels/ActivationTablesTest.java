package dev.edgeinfer.tflite.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.tflite.kernels.ref.LookupTables;
import org.junit.jupiter.api.Test;

/** The INT8 tables of RELU/RELU6/LEAKY_RELU/LOGISTIC/TANH, checked in quantized units. */
class ActivationTablesTest {

  private static int at(byte[] table, int x) {
    return table[x + 128];
  }

  @Test
  void relu_sameScale_clampsBelowZeroPoint() {
    byte[] t = Relu.table(0.5f, 10, 0.5f, 10, Float.POSITIVE_INFINITY);
    assertEquals(10, at(t, -128));
    assertEquals(10, at(t, 9));
    assertEquals(11, at(t, 11));
    assertEquals(127, at(t, 127));
  }

  @Test
  void relu6_halvesScale_andSaturatesAtSix() {
    // out = (x - 0) * 0.1 / 0.05, upper bound 6 / 0.05 = 120
    byte[] t = Relu.table(0.1f, 0, 0.05f, -128, 6f);
    assertEquals(-128, at(t, -5));
    assertEquals(-128 + 20, at(t, 10));
    assertEquals(-8, at(t, 60)); // 60 * 2 - 128 = -8 = 6.0 in real terms
    assertEquals(-8, at(t, 100));
  }

  @Test
  void leakyRelu_negativeSideScaledByAlpha() {
    byte[] t = LeakyRelu.table(1f, 0, 1f, 0, 0.25f);
    assertEquals(-2, at(t, -8));
    assertEquals(-32, at(t, -128));
    assertEquals(7, at(t, 7));
  }

  @Test
  void logistic_zeroInputGivesHalf() {
    byte[] t = LookupTables.int8(0.1f, 0, 1f / 256, -128, LookupTables::logistic);
    assertEquals(0, at(t, 0)); // 0.5 * 256 - 128
    assertEquals(127, at(t, 127)); // sigmoid(12.7) * 256 = 255.99 -> 256 -> clamped
    assertEquals(-128, at(t, -128)); // sigmoid(-12.8) * 256 ~ 0.0007
  }

  @Test
  void tanh_isOddAroundZeroPoint() {
    byte[] t = LookupTables.int8(0.05f, 0, 1f / 128, 0, LookupTables::tanh);
    assertEquals(0, at(t, 0));
    assertEquals(-at(t, 20), at(t, -20));
    assertEquals(127, at(t, 127)); // tanh(6.35) * 128 rounds to 128, clamped
  }

  @Test
  void softmaxTable_lastEntryIsOne() {
    float[] t = LookupTables.softmaxExp(0.5f, 1f);
    assertEquals(1f, t[255]);
    assertEquals((float) Math.exp(-0.5), t[254], 1e-7f);
  }
}
