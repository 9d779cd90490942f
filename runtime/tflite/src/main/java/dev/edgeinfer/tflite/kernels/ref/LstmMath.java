package dev.edgeinfer.tflite.kernels.ref;

/**
 * The integer LSTM cell of TensorFlow Lite's "8x8 to 16" path (lstm_eval.cc, LstmStepInteger8x8_16,
 * and the portable tensor_utils it calls, which x86_64 builds use too): int8 input and output
 * state, int16 gates in Q3.12 before activation and Q0.15 after, an int16 cell state in
 * Q(15+cellScale).(-cellScale). Arrays are indexed from the given offsets; nothing allocates.
 */
public final class LstmMath {
  private LstmMath() {}

  /**
   * {@code gate[b][r] = clamp16(gate[b][r] + MBQM(bias[r] + sum_c in[b][c] * w[r][c]))}: one of the
   * two matrix products of a gate (input or recurrent), accumulated into the gate in order.
   * The input's zero point is folded into {@code bias} at prepare time.
   */
  public static void matMulAccumulate(byte[] in, int inOff, byte[] w, int wOff, int[] bias, int multiplier,
      int shift, int batches, int cols, int rows, short[] gate) {
    for (int b = 0; b < batches; b++) {
      int x = inOff + b * cols;
      for (int r = 0; r < rows; r++) {
        int acc = bias[r];
        int row = wOff + r * cols;
        for (int c = 0; c < cols; c++) {
          acc += in[x + c] * w[row + c];
        }
        int g = b * rows + r;
        acc = FixedPoint.multiplyByQuantizedMultiplier(acc, multiplier, shift) + gate[g];
        gate[g] = (short) FixedPoint.clamp(acc, Short.MIN_VALUE, Short.MAX_VALUE);
      }
    }
  }

  /** Sigmoid of Q3.12 values into Q0.15, in place. */
  public static void sigmoid(short[] gate, int n) {
    for (int i = 0; i < n; i++) {
      gate[i] = FixedPoint16.logistic(gate[i], 3);
    }
  }

  /** Tanh of values with {@code integerBits} integer bits into Q0.15. */
  public static void tanh(short[] in, int inOff, int integerBits, short[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = FixedPoint16.tanh(in[inOff + i], integerBits);
    }
  }

  /**
   * UpdateLstmCellInteger: {@code cell = clamp16(forget * cell >> 15 + input * cellGate >> (30 +
   * cellScale))}, rounding each shift, then clipping to ±clip when clip > 0. With CIFG (input null)
   * the input gate is {@code 1 - forget}. The forget gate array is used as scratch.
   */
  public static void updateCell(short[] cell, int cellOff, int cellScale, short[] input, short[] forget,
      short[] cellGate, int n, int clip) {
    for (int i = 0; i < n; i++) {
      int c = cellOff + i;
      int kept = (short) FixedPoint.roundingDivideByPOT(forget[i] * cell[c], 15);
      int in = input == null ? (short) (Short.MAX_VALUE - forget[i]) : input[i];
      int added = (short) FixedPoint.roundingDivideByPOT(in * cellGate[i], 30 + cellScale);
      int sum = FixedPoint.clamp(kept + added, Short.MIN_VALUE, Short.MAX_VALUE);
      if (clip > 0) {
        sum = FixedPoint.clamp(sum, -clip, clip);
      }
      cell[c] = (short) sum;
    }
  }

  /**
   * The hidden state without projection: {@code out = clamp8(MBQM(outputGate * tanh(cell)) +
   * zeroPoint)}, the zero point being the hidden intermediate's. (Sources of some TensorFlow Lite
   * versions read as subtracting it; TensorFlow Lite 2.19 itself adds it, as its LSTM output
   * tensor on micro_speech_lstm shows.)
   */
  public static void hidden(short[] outputGate, short[] tanhCell, int multiplier, int shift, int zeroPoint, int n,
      byte[] out, int outOff) {
    for (int i = 0; i < n; i++) {
      int v = FixedPoint.multiplyByQuantizedMultiplier(outputGate[i] * tanhCell[i], multiplier, shift) + zeroPoint;
      out[outOff + i] = (byte) FixedPoint.clamp(v, -128, 127);
    }
  }

  /** bias[r] + zeroPoint * sum_c w[r][c] (PrecomputeZeroPointTimesWeightWithBias); bias may be null. */
  public static int[] foldZeroPoint(int[] bias, int biasOff, int zeroPoint, byte[] w, int wOff, int rows, int cols) {
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int sum = 0;
      for (int c = 0; c < cols; c++) {
        sum += w[wOff + r * cols + c];
      }
      out[r] = (bias == null ? 0 : bias[biasOff + r]) + zeroPoint * sum;
    }
    return out;
  }

  /**
   * The fast form of a whole gate, {@code matMulAccumulate} of the input then of the recurrent
   * product into a zeroed gate, for one batch: weights are pre-widened to int (rows of
   * {@code cols} contiguous ints) and the operands widened to int once per step, because C2
   * (JDK 17) vectorizes an int multiply-add reduction but not one that widens bytes on the fly.
   * Int sums wrap identically in any order, so this is bit-exact to the reference.
   */
  public static void gateFast(int[] x, int xOff, int[] w, int[] xBias, int xMultiplier, int xShift, int nInput,
      int[] h, int hOff, int[] r, int[] hBias, int hMultiplier, int hShift, int nOutput, int rows, short[] gate,
      int gateOff) {
    for (int row = 0; row < rows; row++) {
      int wRow = row * nInput;
      int accX = 0;
      for (int c = 0; c < nInput; c++) {
        accX += x[xOff + c] * w[wRow + c];
      }
      int rRow = row * nOutput;
      int accH = 0;
      for (int c = 0; c < nOutput; c++) {
        accH += h[hOff + c] * r[rRow + c];
      }
      int g = FixedPoint.clamp(FixedPoint.multiplyByQuantizedMultiplier(accX + xBias[row], xMultiplier, xShift),
          Short.MIN_VALUE, Short.MAX_VALUE);
      g = FixedPoint.multiplyByQuantizedMultiplier(accH + hBias[row], hMultiplier, hShift) + g;
      gate[gateOff + row] = (short) FixedPoint.clamp(g, Short.MIN_VALUE, Short.MAX_VALUE);
    }
  }

  /** {@code out[i] = table[in[inOff + i] + 32768]}: an activation through a whole-domain table. */
  public static void lookup(short[] table, short[] in, int inOff, short[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = table[in[inOff + i] + 32768];
    }
  }

  /** Sign-extends {@code n} int8 values to int. */
  public static void widen(byte[] in, int inOff, int[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = in[inOff + i];
    }
  }
}
