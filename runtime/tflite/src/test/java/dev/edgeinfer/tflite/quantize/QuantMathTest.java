package dev.edgeinfer.tflite.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.graph.Quantization;
import org.junit.jupiter.api.Test;

class QuantMathTest {

  @Test
  void round_halves_goAwayFromZero() {
    assertEquals(3, QuantMath.round(2.5));
    assertEquals(-3, QuantMath.round(-2.5));
    assertEquals(2, QuantMath.round(2.49));
    assertEquals(0, QuantMath.round(-0.4));
  }

  @Test
  void asymmetricInt8_rangeAboveZero_isWidenedToIncludeZero() {
    Quantization q = QuantMath.asymmetricInt8(2, 6);
    assertEquals(-128, q.zeroPoint(0), "0 must map to the lowest code");
    assertEquals((float) (6.0 / 255), q.scale(0));
  }

  @Test
  void asymmetricInt8_mixedRange_representsZeroExactlyAndCoversTheEnds() {
    Quantization q = QuantMath.asymmetricInt8(-1.3, 4.2);
    float scale = q.scale(0);
    long zp = q.zeroPoint(0);
    assertTrue(zp >= -128 && zp <= 127);
    assertEquals(0f, QuantMath.dequantize(QuantMath.quantize(0f, scale, zp), scale, zp));
    assertEquals(-1.3, QuantMath.dequantize(-128, scale, zp), scale);
    assertEquals(4.2, QuantMath.dequantize(127, scale, zp), scale);
  }

  @Test
  void symmetricWeights_largestMagnitudeMapsTo127_andNothingTo128() {
    float[] row = {0.5f, -2.0f, 1.0f};
    float scale = QuantMath.symmetricScale(row, 0, row.length);
    assertEquals((float) (2.0 / 127), scale);
    assertEquals(-127, QuantMath.quantizeWeight(-2.0f, scale));
    assertEquals(-127, QuantMath.quantizeWeight(-2.1f, scale), "saturates at -127, never -128");
    assertEquals(64, QuantMath.quantizeWeight(1.0f, scale));
  }

  @Test
  void biasScale_isInputScaleTimesWeightScale() {
    assertEquals((float) ((double) 0.02f * (double) 0.003f), QuantMath.biasScale(0.02f, 0.003f), 0f);
    assertEquals(100, QuantMath.quantizeBias(0.006f, 0.00006f));
  }
}
