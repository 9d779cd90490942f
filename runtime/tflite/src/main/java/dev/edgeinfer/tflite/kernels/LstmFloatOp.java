package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.UnidirectionalSequenceLstmKernel.Parts;
import dev.edgeinfer.tflite.kernels.ref.LstmFloatMath;
import dev.edgeinfer.tflite.read.TensorTypes;

/** The FLOAT32 LSTM: one {@link LstmFloatMath} step per time step (per batch when batch-major). */
final class LstmFloatOp implements Op {
  private final Parts p;
  private final Parts.Step stepper = this::step; // made once: eval allocates nothing
  private final float[][] gates = new float[4][];
  /** All gates' weights stacked (gate g at rows g * nCell), transposed; see productsT. */
  private final float[][] inputWeightsT, recurrentWeightsT;
  private final int rows;
  private final float[] accX, accH;

  private LstmFloatOp(Parts p) {
    this.p = p;
    int stepBatches = p.timeMajor() ? p.batches() : 1;
    rows = 4 * p.nCell();
    inputWeightsT = new float[p.nInput()][rows];
    recurrentWeightsT = new float[p.nOutput()][rows];
    for (int g = p.cifg() ? 1 : 0; g < 4; g++) {
      gates[g] = new float[stepBatches * p.nCell()];
      Tensor w = p.inputWeights()[g];
      Tensor r = p.recurrentWeights()[g];
      LstmFloatMath.packTransposed(w.float32(), w.offset(), p.nCell(), p.nInput(), inputWeightsT, g * p.nCell());
      LstmFloatMath.packTransposed(r.float32(), r.offset(), p.nCell(), p.nOutput(), recurrentWeightsT,
          g * p.nCell());
    }
    accX = new float[rows];
    accH = new float[rows];
  }

  static Op prepare(Node node, Parts p) throws UnsupportedModelException {
    for (int g = p.cifg() ? 1 : 0; g < 4; g++) {
      for (Tensor t : new Tensor[] {p.inputWeights()[g], p.recurrentWeights()[g], p.biases()[g]}) {
        if (t.type() != TensorTypes.FLOAT32) {
          throw node.unsupported(t + ": a FLOAT32 LSTM needs FLOAT32 weights and biases (hybrid is not supported)");
        }
      }
    }
    if (p.outputState().type() != TensorTypes.FLOAT32 || p.cellState().type() != TensorTypes.FLOAT32) {
      throw node.unsupported("a FLOAT32 LSTM needs FLOAT32 output and cell state");
    }
    int act = p.activation();
    if (act < LstmFloatMath.NONE || act > LstmFloatMath.TANH) {
      throw node.unsupported("fused activation " + act + " is not supported");
    }
    return new LstmFloatOp(p);
  }

  @Override
  public void eval() {
    p.forEachStep(stepper);
  }

  private void step(int inOff, int hOff, int cellOff, int outOff, int batches) {
    Tensor x = p.input();
    Tensor h = p.outputState();
    Tensor cell = p.cellState();
    int nCell = p.nCell();
    for (int b = 0; b < batches; b++) {
      // With CIFG the input gate's rows are zeros: computed and ignored,
      // cheaper than a second layout.
      LstmFloatMath.productsT(x.float32(), x.offset() + inOff + b * p.nInput(), inputWeightsT, rows, accX);
      LstmFloatMath.productsT(h.float32(), h.offset() + hOff + b * p.nOutput(), recurrentWeightsT, rows, accH);
      for (int g = p.cifg() ? 1 : 0; g < 4; g++) {
        Tensor bias = p.biases()[g];
        float[] biasData = bias.float32();
        int activation = g == 2 ? p.activation() : LstmFloatMath.SIGMOID;
        float[] gate = gates[g];
        for (int c = 0; c < nCell; c++) {
          int row = g * nCell + c;
          // The reference's bias + acc + rec, in that order.
          gate[b * nCell + c] = LstmFloatMath.activateFast(biasData[bias.offset() + c] + accX[row] + accH[row],
              activation);
        }
      }
    }
    int n = batches * nCell;
    LstmFloatMath.updateCell(cell.float32(), cell.offset() + cellOff, gates[0], gates[1], gates[2], n, p.cellClip());
    LstmFloatMath.hiddenFast(gates[3], cell.float32(), cell.offset() + cellOff, p.activation(), n, h.float32(),
        h.offset() + hOff);
    System.arraycopy(h.float32(), h.offset() + hOff, p.output().float32(), p.output().offset() + outOff,
        batches * p.nOutput());
  }
}
