package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Integer and float SVDF on a hand-checked 2-input, 2-filter, 2-memory case, state carried over. */
class SvdfMathTest {
  private static final SvdfMath.Dims DIMS = new SvdfMath.Dims(1, 2, 2, 2, 1);
  private static final byte[] FEATURE = {1, 2, 3, -1};
  private static final short[] TIME = {1, 2, 3, 4};
  private static final int[] BIAS = {10, -5};
  private static final FixedPoint.Multiplier ONE = FixedPoint.quantizeMultiplier(1.0);
  private static final FixedPoint.Multiplier HALF = FixedPoint.quantizeMultiplier(0.5);

  private static byte[] invoke(byte[] input, short[] state) {
    byte[] out = new byte[2];
    SvdfMath.evalInteger(DIMS, input, 0, 1, FEATURE, 0, TIME, 0, BIAS, 0, state, 0, ONE.multiplier(), ONE.shift(),
        HALF.multiplier(), HALF.shift(), -3, new int[2], new int[2], out, 0);
    return out;
  }

  @Test
  void evalInteger_twoInvocations_carryTheState() {
    short[] state = new short[4];
    // input - zp = [2, -2]: features -2 and 8 enter the newest column
    // time: -2 * 2 = -4 and 8 * 4 = 32; + bias = 6, 27; / 2 = 3, 14 (half away from zero); - 3
    assertArrayEquals(new byte[] {0, 11}, invoke(new byte[] {3, -1}, state));
    assertArrayEquals(new short[] {0, -2, 0, 8}, state);
    // input - zp = [0, 0]: the state shifts left, the newest column becomes 0
    // time: -2 * 1 = -2 and 8 * 3 = 24; + bias = 8, 19; / 2 = 4, 10; - 3
    assertArrayEquals(new byte[] {1, 7}, invoke(new byte[] {1, 1}, state));
    assertArrayEquals(new short[] {-2, 0, 8, 0}, state);
  }

  @Test
  void evalInteger_saturatesTheStateAndTheOutput() {
    short[] state = new short[4];
    byte[] out = new byte[2];
    FixedPoint.Multiplier big = FixedPoint.quantizeMultiplier(1000.0);
    SvdfMath.evalInteger(DIMS, new byte[] {127, -128}, 0, 0, FEATURE, 0, TIME, 0, null, 0, state, 0, big.multiplier(),
        big.shift(), ONE.multiplier(), ONE.shift(), 0, new int[2], new int[2], out, 0);
    // features 127 - 256 = -129 and 381 + 128 = 509, times 1000, clamp to int16
    assertArrayEquals(new short[] {0, -32768, 0, 32767}, state);
    assertArrayEquals(new byte[] {-128, 127}, out);
  }

  @Test
  void evalFloat_appliesBiasRankSumAndRelu() {
    SvdfMath.Dims dims = new SvdfMath.Dims(1, 2, 2, 2, 2); // one unit of rank 2
    float[] state = new float[4];
    float[] out = new float[1];
    SvdfMath.evalFloat(dims, new float[] {1f, 0.5f}, 0, new float[] {1f, 2f, -3f, 1f}, 0,
        new float[] {1f, 0.5f, 1f, 2f}, 0, new float[] {0.25f}, 0, state, 0, LstmFloatMath.RELU, new float[2], out,
        0);
    // features 2 and -2.5; time 2 * 0.5 = 1 and -2.5 * 2 = -5; sum -4 + 0.25 -> relu 0
    assertArrayEquals(new float[] {0f, 2f, 0f, -2.5f}, state);
    assertArrayEquals(new float[] {0f}, out);
    SvdfMath.evalFloat(dims, new float[] {0f, 0f}, 0, new float[] {1f, 2f, -3f, 1f}, 0,
        new float[] {1f, 0.5f, 1f, 2f}, 0, new float[] {0.25f}, 0, state, 0, LstmFloatMath.RELU, new float[2], out,
        0);
    // shifted: [2, 0, -2.5, 0]: time 2 and -2.5; sum -0.5 + 0.25 -> relu 0; bias alone shows with NONE below
    assertArrayEquals(new float[] {2f, 0f, -2.5f, 0f}, state);
    assertArrayEquals(new float[] {0f}, out);
  }

  @Test
  void evalIntegerFast_equalsTheReferenceBitForBit() {
    java.util.Random rnd = new java.util.Random(1_960);
    for (int trial = 0; trial < 100; trial++) {
      int rank = 1 + rnd.nextInt(3);
      SvdfMath.Dims d = new SvdfMath.Dims(1 + rnd.nextInt(3), 1 + rnd.nextInt(40), rank * (1 + rnd.nextInt(8)),
          1 + rnd.nextInt(10), rank);
      int inOff = rnd.nextInt(3), wfOff = rnd.nextInt(3);
      byte[] wf = IntMatVecTest.bytes(rnd, wfOff + d.nFilter() * d.nInput());
      short[] wt = new short[d.nFilter() * d.nMemory()];
      for (int i = 0; i < wt.length; i++) {
        wt[i] = (short) rnd.nextInt(1 << 16);
      }
      int[] bias = rnd.nextBoolean() ? null : new int[d.nUnit()];
      for (int i = 0; bias != null && i < bias.length; i++) {
        bias[i] = rnd.nextInt(1 << 16) - (1 << 15);
      }
      int zp = rnd.nextInt(256) - 128, outZp = rnd.nextInt(256) - 128;
      FixedPoint.Multiplier s1 = FixedPoint.quantizeMultiplier(Math.pow(2, -rnd.nextInt(12)) * (0.5 + rnd.nextDouble()));
      FixedPoint.Multiplier s2 = FixedPoint.quantizeMultiplier(Math.pow(2, -rnd.nextInt(20)) * (0.5 + rnd.nextDouble()));
      short[] stateRef = new short[d.batches() * d.nFilter() * d.nMemory()];
      short[] stateFast = stateRef.clone();
      IntMatVec feature = new IntMatVec(wf, wfOff, d.nFilter(), d.nInput(), 0, -zp, null, 0);
      for (int step = 0; step < 4; step++) {
        byte[] in = IntMatVecTest.bytes(rnd, inOff + d.batches() * d.nInput());
        byte[] outRef = new byte[d.batches() * d.nUnit()];
        byte[] outFast = new byte[outRef.length];
        SvdfMath.evalInteger(d, in, inOff, zp, wf, wfOff, wt, 0, bias, 0, stateRef, 0, s1.multiplier(), s1.shift(),
            s2.multiplier(), s2.shift(), outZp, new int[d.batches() * d.nFilter()], new int[outRef.length], outRef, 0);
        SvdfMath.evalIntegerFast(d, in, inOff, feature, new int[d.nFilter()], wt, 0, bias, 0, stateFast, 0,
            s1.multiplier(), s1.shift(), s2.multiplier(), s2.shift(), outZp, new int[d.batches() * d.nFilter()],
            new int[outRef.length], outFast, 0);
        assertArrayEquals(stateRef, stateFast, "trial " + trial + " step " + step);
        assertArrayEquals(outRef, outFast, "trial " + trial + " step " + step);
      }
    }
  }
}
