package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.UnidirectionalSequenceLstmKernel.Parts;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint16;
import dev.edgeinfer.tflite.kernels.ref.LstmMath;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * The integer LSTM ("8x8 to 16", lstm_eval.cc EvalInteger8x8_16). Prepare computes what
 * TensorFlow Lite's PopulateQuantizedLstmParams8x8_16 and PopulatePrecomputedZPTimesWeightsWithBias
 * do: without layer norm every gate is Q3.12 (scale 2^-12), the effective scales are the float
 * products weight scale x input (or output state) scale / 2^-12, the hidden scale is
 * 2^-15 / hidden scale x 2^-15 with the hidden intermediate (intermediate 4) giving scale and
 * zero point, and the zero points times the weight row sums are folded into the biases.
 */
final class LstmIntegerOp implements Op {
  private static final float GATE_SCALE = (float) Math.pow(2, -12);

  private final Parts p;
  private final Parts.Step stepper = this::step; // made once: eval allocates nothing
  private final int[][] inputBias = new int[4][];
  private final int[][] recurrentBias = new int[4][];
  private final int[] inputMultiplier = new int[4], inputShift = new int[4];
  private final int[] recurrentMultiplier = new int[4], recurrentShift = new int[4];
  private final int hiddenMultiplier, hiddenShift, hiddenZeroPoint, cellScale, cellClip;
  private final short[][] gates = new short[4][];
  private final short[] tanhCell;
  /** Weights widened to int at prepare (see LstmMath.gateFast), and the step's operands widened. */
  private final int[][] inputWeights = new int[4][], recurrentWeights = new int[4][];
  private final int[] x, h;
  /** Whole-domain activation tables: gates are Q3.12, the cell Q(15+cellScale). */
  private final short[] sigmoidTable = FixedPoint16.logisticTable(3), gateTanhTable = FixedPoint16.tanhTable(3);
  private final short[] cellTanhTable;

  private LstmIntegerOp(Parts p, Tensor hidden, int cellScale) {
    this.p = p;
    this.cellScale = cellScale;
    float inputScale = p.input().scale();
    float stateScale = p.outputState().scale();
    int stepBatches = p.timeMajor() ? p.batches() : 1;
    for (int g = p.cifg() ? 1 : 0; g < 4; g++) {
      Tensor w = p.inputWeights()[g];
      Tensor r = p.recurrentWeights()[g];
      Tensor b = p.biases()[g];
      FixedPoint.Multiplier in = FixedPoint.quantizeMultiplier(w.scale() * inputScale / GATE_SCALE);
      FixedPoint.Multiplier rec = FixedPoint.quantizeMultiplier(r.scale() * stateScale / GATE_SCALE);
      inputMultiplier[g] = in.multiplier();
      inputShift[g] = in.shift();
      recurrentMultiplier[g] = rec.multiplier();
      recurrentShift[g] = rec.shift();
      inputBias[g] = LstmMath.foldZeroPoint(b.int32(), b.offset(), -p.input().zeroPoint(), w.int8(), w.offset(),
          p.nCell(), p.nInput());
      recurrentBias[g] = LstmMath.foldZeroPoint(null, 0, -p.outputState().zeroPoint(), r.int8(), r.offset(),
          p.nCell(), p.nOutput());
      gates[g] = new short[stepBatches * p.nCell()];
      inputWeights[g] = widen(w, p.nCell() * p.nInput());
      recurrentWeights[g] = widen(r, p.nCell() * p.nOutput());
    }
    x = new int[stepBatches * p.nInput()];
    h = new int[stepBatches * p.nOutput()];
    cellTanhTable = FixedPoint16.tanhTable(15 + cellScale);
    float effectiveHidden = (float) (Math.pow(2, -15) / hidden.scale() * Math.pow(2, -15));
    FixedPoint.Multiplier h = FixedPoint.quantizeMultiplier(effectiveHidden);
    hiddenMultiplier = h.multiplier();
    hiddenShift = h.shift();
    hiddenZeroPoint = hidden.zeroPoint();
    float clip = p.cellClip();
    cellClip = clip > 0f ? (short) (int) Math.min(Math.max(clip / p.cellState().scale(), -32768f), 32767f) : 0;
    tanhCell = new short[stepBatches * p.nCell()];
  }

  private static int[] widen(Tensor t, int n) {
    int[] out = new int[n];
    LstmMath.widen(t.int8(), t.offset(), out, n);
    return out;
  }

  static Op prepare(Node node, Parts p) throws UnsupportedModelException {
    for (int g = p.cifg() ? 1 : 0; g < 4; g++) {
      for (Tensor t : new Tensor[] {p.inputWeights()[g], p.recurrentWeights()[g]}) {
        requirePerTensor(node, t, TensorTypes.INT8, "INT8 weights");
      }
      requirePerTensor(node, p.biases()[g], TensorTypes.INT32, "INT32 biases");
    }
    requirePerTensor(node, p.input(), TensorTypes.INT8, "an INT8 input");
    requirePerTensor(node, p.outputState(), TensorTypes.INT8, "an INT8 output state");
    requirePerTensor(node, p.cellState(), TensorTypes.INT16, "an INT16 cell state");
    requirePerTensor(node, p.output(), TensorTypes.INT8, "an INT8 output");
    if (node.intermediateCount() < 5 || node.intermediate(4) == null || !node.intermediate(4).isQuantized()) {
      throw node.unsupported("the integer LSTM needs intermediate 4 (the hidden state) with a scale and zero point");
    }
    float log2 = (float) Math.log(p.cellState().scale()) * (1.0f / (float) Math.log(2.0f));
    float rounded = Math.round(log2);
    if (!(Math.abs(log2 - rounded) < 1e-3f) || rounded > -9) {
      throw node.unsupported("the cell state scale " + p.cellState().scale() + " must be a power of two at most 2^-9");
    }
    return new LstmIntegerOp(p, node.intermediate(4), (int) rounded);
  }

  private static void requirePerTensor(Node node, Tensor t, int type, String what) throws UnsupportedModelException {
    if (t.type() != type || !t.isQuantized() || t.scales().length != 1) {
      throw node.unsupported(t + ": the integer LSTM needs " + what + ", quantized per tensor");
    }
  }

  @Override
  public void eval() {
    p.forEachStep(stepper);
  }

  private void step(int inOff, int hOff, int cellOff, int outOff, int batches) {
    Tensor in = p.input();
    Tensor state = p.outputState();
    Tensor cell = p.cellState();
    int nCell = p.nCell();
    int n = batches * nCell;
    LstmMath.widen(in.int8(), in.offset() + inOff, x, batches * p.nInput());
    LstmMath.widen(state.int8(), state.offset() + hOff, h, batches * p.nOutput());
    for (int g = p.cifg() ? 1 : 0; g < 4; g++) {
      for (int b = 0; b < batches; b++) {
        LstmMath.gateFast(x, b * p.nInput(), inputWeights[g], inputBias[g], inputMultiplier[g], inputShift[g],
            p.nInput(), h, b * p.nOutput(), recurrentWeights[g], recurrentBias[g], recurrentMultiplier[g],
            recurrentShift[g], p.nOutput(), nCell, gates[g], b * nCell);
      }
      LstmMath.lookup(g == 2 ? gateTanhTable : sigmoidTable, gates[g], 0, gates[g], n);
    }
    LstmMath.updateCell(cell.int16(), cell.offset() + cellOff, cellScale, gates[0], gates[1], gates[2], n,
        cellClip);
    LstmMath.lookup(cellTanhTable, cell.int16(), cell.offset() + cellOff, tanhCell, n);
    LstmMath.hidden(gates[3], tanhCell, hiddenMultiplier, hiddenShift, hiddenZeroPoint, n, state.int8(),
        state.offset() + hOff);
    System.arraycopy(state.int8(), state.offset() + hOff, p.output().int8(), p.output().offset() + outOff,
        batches * p.nOutput());
  }
}
