package dev.edgeinfer.tflite.kernels.ref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The integer LSTM cell routines on hand-checked values, in quantized units. */
class LstmMathTest {
  /** 1.0 as TensorFlow Lite stores it: 2^30 * 2^(1 - 31). */
  private static final int ONE = 1 << 30, ONE_SHIFT = 1;

  @Test
  void matMulAccumulate_addsToTheGateAndSaturatesToInt16() {
    short[] gate = {32765, 0};
    LstmMath.matMulAccumulate(new byte[] {1, 2}, 0, new byte[] {1, 1, 2, -1}, 0, new int[] {0, 5}, ONE, ONE_SHIFT,
        1, 2, 2, gate);
    // row 0: 1 + 2 = 3, 32765 + 3 saturates; row 1: 5 + 2 - 2 = 5
    assertArrayEquals(new short[] {32767, 5}, gate);
  }

  @Test
  void foldZeroPoint_addsZeroPointTimesRowSums() {
    // rows sum to 2 and 1; input zero point -3 enters as +3
    assertArrayEquals(new int[] {10 + 6, -4 + 3},
        LstmMath.foldZeroPoint(new int[] {10, -4}, 0, 3, new byte[] {1, 1, 2, -1}, 0, 2, 2));
  }

  @Test
  void updateCell_saturatesTheInt16CellState() {
    short[] cell = {32767, 4096, -32768};
    short[] forget = {32767, 16384, 32767};
    short[] input = {32767, 16384, 32767};
    short[] cellGate = {32767, -32768, -32768};
    LstmMath.updateCell(cell, 0, -11, input, forget, cellGate, 3, 0);
    // 0: 32766 + round(32767^2 / 2^19) = 32766 + 2048 -> 32767
    // 1: 4096 / 2 + round(16384 * -32768 / 2^19) = 2048 - 1024
    // 2: round(32767 * -32768 / 2^15) = -32767, + -2048 -> -32768
    assertArrayEquals(new short[] {32767, 1024, -32768}, cell);
  }

  @Test
  void updateCell_clipsToTheQuantizedCellClip() {
    short[] cell = {32767, -32768, 100};
    short[] forget = {32767, 32767, 0};
    LstmMath.updateCell(cell, 0, -11, null, forget, new short[] {0, 0, 0}, 3, 20480);
    // CIFG: input = 1 - forget; cell gate 0 adds nothing; 100 * 0 = 0
    assertArrayEquals(new short[] {20480, -20480, 0}, cell);
  }

  @Test
  void hidden_scalesRoundsAndAddsTheHiddenZeroPoint() {
    // hidden scale 2^-7: multiplier 2^-15 / 2^-7 * 2^-15 = 2^-23
    FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(Math.pow(2, -23));
    byte[] out = new byte[3];
    LstmMath.hidden(new short[] {16384, 32767, 16384}, new short[] {16384, 32767, -16384}, m.multiplier(), m.shift(),
        -1, 3, out, 0);
    // 2^28 / 2^23 = 32, plus zero point -1 -> 31; 32767^2 / 2^23 = 127.99 -> 128 - 1 = 127; -32 - 1
    assertArrayEquals(new byte[] {31, 127, -33}, out);
  }
}
