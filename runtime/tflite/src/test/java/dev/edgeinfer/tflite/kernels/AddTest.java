package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * ADD with broadcasting. INT8 follows add.cc: both offset inputs shifted left by 20, scaled by
 * {@code s_i / (2 * max(s1, s2))}, summed, scaled by {@code 2 * max / (2^20 * s_out)}, plus the
 * output zero point, clamped to the fused activation's range. Every multiplier below is a power of
 * two, so the only rounding is the last RoundingDivideByPOT: ties away from zero.
 */
class AddTest {
  static final int ADD = 0, ADD_OPTIONS = 11, NONE = 0, RELU = 1, RELU6 = 3;

  static SingleOpModel add(int activation) {
    return new SingleOpModel(ADD, ADD_OPTIONS, SingleOpModel.byte0(activation));
  }

  @Test
  void int8_broadcast1x3Plus2x3_halvesWithTiesAwayFromZero() throws Exception {
    // scales 0.5, 0.5 -> 1: out = round((a + b) / 2). Rows: [1, -3, 100] + [2, 4, 27] = [3, 1, 127] / 2
    // -> 1.5 -> 2, 0.5 -> 1, 63.5 -> 64; [1, -3, 100] + [-2, -4, 28] = [-1, -7, 128] / 2 -> -1, -4, 64
    byte[] out = add(NONE)
        .input(INT8, new int[] {1, 3}, 0.5f, 0)
        .input(INT8, new int[] {2, 3}, 0.5f, 0)
        .output(INT8, new int[] {2, 3}, 1f, 0)
        .run(SingleOpModel.int8(1, -3, 100), SingleOpModel.int8(2, 4, 27, -2, -4, 28));
    assertArrayEquals(new int[] {2, 1, 64, -1, -4, 64}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_scalarOperandWithZeroPointsAtRangeEnds_saturatesLow() throws Exception {
    // a: zp -128 -> reals [255, 0, 128]; scalar b: zp 127, -128 -> real -255; scale 1 everywhere
    // sums [0, -255, -127]: -255 saturates at -128
    byte[] out = add(NONE)
        .input(INT8, new int[] {3}, 1f, -128)
        .input(INT8, new int[] {}, 1f, 127)
        .output(INT8, new int[] {3}, 1f, 0)
        .run(SingleOpModel.int8(127, -128, 0), SingleOpModel.int8(-128));
    assertArrayEquals(new int[] {0, -128, -127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_saturatesHigh() throws Exception {
    // reals 255 + 0 and 255 + 255 saturate at 127; 0 + 0 = 0
    byte[] out = add(NONE)
        .input(INT8, new int[] {3}, 1f, -128)
        .input(INT8, new int[] {3}, 1f, -128)
        .output(INT8, new int[] {3}, 1f, 0)
        .run(SingleOpModel.int8(127, 127, -128), SingleOpModel.int8(-128, 127, -128));
    assertArrayEquals(new int[] {127, 127, 0}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_fusedRelu_clampsAtOutputZeroPoint() throws Exception {
    // scales 0.5, 0.5 -> 0.5, out zp -10: q = a + b - 10; RELU lower bound = zp = -10
    // [3+2, -20+5, 100+100] -> [-5, -25 -> -10, 190 -> 127]
    byte[] out = add(RELU)
        .input(INT8, new int[] {3}, 0.5f, 0)
        .input(INT8, new int[] {3}, 0.5f, 0)
        .output(INT8, new int[] {3}, 0.5f, -10)
        .run(SingleOpModel.int8(3, -20, 100), SingleOpModel.int8(2, 5, 100));
    assertArrayEquals(new int[] {-5, -10, 127}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_fusedRelu6_clampsAtQuantizedSix() throws Exception {
    // as above; RELU6 upper bound = -10 + round(6 / 0.5) = 2
    byte[] out = add(RELU6)
        .input(INT8, new int[] {3}, 0.5f, 0)
        .input(INT8, new int[] {3}, 0.5f, 0)
        .output(INT8, new int[] {3}, 0.5f, -10)
        .run(SingleOpModel.int8(3, -20, 100), SingleOpModel.int8(2, 5, 100));
    assertArrayEquals(new int[] {-5, -10, 2}, SingleOpModel.int8Values(out));
  }

  @Test
  void int8_differentInputScales_rescaledToTheLarger() throws Exception {
    // a scale 1, b scale 0.25, out scale 1: real a + b/4; [10 + 8/4, -10 + 6/4] = [12, -8.5 -> -9]
    // (multipliers 1/2 and 1/8 of 2^20-shifted values stay exact; the last shift rounds -8.5 away)
    byte[] out = add(NONE)
        .input(INT8, new int[] {2}, 1f, 0)
        .input(INT8, new int[] {2}, 0.25f, 0)
        .output(INT8, new int[] {2}, 1f, 0)
        .run(SingleOpModel.int8(10, -10), SingleOpModel.int8(8, 6));
    assertArrayEquals(new int[] {12, -9}, SingleOpModel.int8Values(out));
  }

  @Test
  void float_rank4Broadcast_bothInputsStretch() throws Exception {
    // x [2,1,2,1] = 2a + c + 1, y [1,2,1,3] = 10 (3b + d + 1); out[a,b,c,d] = x + y
    byte[] out = add(NONE)
        .input(FLOAT32, new int[] {2, 1, 2, 1}, 0f, 0)
        .input(FLOAT32, new int[] {1, 2, 1, 3}, 0f, 0)
        .output(FLOAT32, new int[] {2, 2, 2, 3}, 0f, 0)
        .run(SingleOpModel.float32(1, 2, 3, 4), SingleOpModel.float32(10, 20, 30, 40, 50, 60));
    assertArrayEquals(new float[] {11, 21, 31, 12, 22, 32, 41, 51, 61, 42, 52, 62,
        13, 23, 33, 14, 24, 34, 43, 53, 63, 44, 54, 64}, SingleOpModel.float32Values(out));
  }

  @Test
  void float_relu6AndScalar() throws Exception {
    byte[] out = add(RELU6)
        .input(FLOAT32, new int[] {1, 4}, 0f, 0)
        .input(FLOAT32, new int[] {}, 0f, 0)
        .output(FLOAT32, new int[] {1, 4}, 0f, 0)
        .run(SingleOpModel.float32(-3f, 0.5f, 4f, 10f), SingleOpModel.float32(1.5f));
    assertArrayEquals(new float[] {0f, 2f, 5.5f, 6f}, SingleOpModel.float32Values(out));
  }

  @Test
  void shapesThatDoNotBroadcast_refusedAtLoad() {
    SingleOpModel model = add(NONE)
        .input(FLOAT32, new int[] {2, 3}, 0f, 0)
        .input(FLOAT32, new int[] {3, 2}, 0f, 0)
        .output(FLOAT32, new int[] {2, 3}, 0f, 0);
    SingleOpModel.assertRefused(model, "ADD", "input shapes [2, 3] and [3, 2] do not broadcast");
  }

  @Test
  void mixedInputTypes_refusedAtLoad() {
    SingleOpModel model = add(NONE)
        .input(INT8, new int[] {2}, 1f, 0)
        .input(FLOAT32, new int[] {2}, 0f, 0)
        .output(INT8, new int[] {2}, 1f, 0);
    SingleOpModel.assertRefused(model, "ADD", "input 1 has type FLOAT32");
  }

  @Test
  void int8_largeTensors_tableMatchesTheReferenceFormula() throws Exception {
    java.util.Random rnd = new java.util.Random(2019);
    for (int trial = 0; trial < 12; trial++) {
      boolean subtract = trial % 2 == 1;
      boolean broadcast = trial % 4 >= 2;
      int n = QuantizedAddSub.TABLE_MIN * 2;
      float s1 = 0.01f + rnd.nextFloat(), s2 = 0.01f + rnd.nextFloat(), so = 0.01f + rnd.nextFloat();
      int z1 = rnd.nextInt(256) - 128, z2 = rnd.nextInt(256) - 128, zo = rnd.nextInt(256) - 128;
      int[] a = new int[broadcast ? n / 2 : n];
      int[] c = new int[n];
      for (int i = 0; i < a.length; i++) {
        a[i] = rnd.nextInt(256) - 128;
      }
      for (int i = 0; i < n; i++) {
        c[i] = rnd.nextInt(256) - 128;
      }
      SingleOpModel model = subtract ? SubTest.sub(NONE) : add(NONE);
      byte[] out = model
          .input(INT8, broadcast ? new int[] {1, n / 2} : new int[] {2, n / 2}, s1, z1)
          .input(INT8, new int[] {2, n / 2}, s2, z2)
          .output(INT8, new int[] {2, n / 2}, so, zo)
          .run(SingleOpModel.int8(a), SingleOpModel.int8(c));
      float twiceMax = 2 * Math.max(s1, s2);
      var m1 = dev.edgeinfer.tflite.kernels.ref.FixedPoint.quantizeMultiplier(s1 / (double) twiceMax);
      var m2 = dev.edgeinfer.tflite.kernels.ref.FixedPoint.quantizeMultiplier(s2 / (double) twiceMax);
      var mo = dev.edgeinfer.tflite.kernels.ref.FixedPoint.quantizeMultiplier(twiceMax / (double) ((1 << 20) * so));
      int[] expected = new int[n];
      for (int i = 0; i < n; i++) {
        int x = a[broadcast ? i % (n / 2) : i] - z1;
        int y = c[i] - z2;
        int sa = dev.edgeinfer.tflite.kernels.ref.FixedPoint.multiplyByQuantizedMultiplier(x << 20, m1.multiplier(),
            m1.shift());
        int sc = dev.edgeinfer.tflite.kernels.ref.FixedPoint.multiplyByQuantizedMultiplier(y << 20, m2.multiplier(),
            m2.shift());
        int raw = dev.edgeinfer.tflite.kernels.ref.FixedPoint.multiplyByQuantizedMultiplier(
            subtract ? sa - sc : sa + sc, mo.multiplier(), mo.shift()) + zo;
        expected[i] = Math.min(127, Math.max(-128, raw));
      }
      assertArrayEquals(expected, SingleOpModel.int8Values(out), "trial " + trial);
    }
  }
}
