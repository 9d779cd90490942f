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
  private final float[][] gates = new float[4][];
  /** All gates' weights stacked (gate g at rows g * nCell), rows padded to 8; see products8. */
  private final float[] inputWeights8, recurrentWeights8;
  private final int rows8;
  private final float[] accX, accH;

  private LstmFloatOp(Parts p) {
    this.p = p;
    int stepBatches = p.timeMajor() ? p.batches() : 1;
    rows8 = (4 * p.nCell() + 7) / 8 * 8;
    inputWeights8 = new float[p.nInput() * rows8];
    recurrentWeights8 = new float[p.nOutput() * rows8];
    for (int g = p.cifg() ? 1 : 0; g < 4; g++) {
      gates[g] = new float[stepBatches * p.nCell()];
      Tensor w = p.inputWeights()[g];
      Tensor r = p.recurrentWeights()[g];
      LstmFloatMath.packRows8(w.float32(), w.offset(), p.nCell(), p.nInput(), inputWeights8, g * p.nCell());
      LstmFloatMath.packRows8(r.float32(), r.offset(), p.nCell(), p.nOutput(), recurrentWeights8, g * p.nCell());
    }
    accX = new float[rows8];
    accH = new float[rows8];
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
    if (p.timeMajor()) {
      for (int t = 0; t < p.maxTime(); t++) {
        step(t * p.batches() * p.nInput(), 0, 0, t * p.batches() * p.nOutput(), p.batches());
      }
      return;
    }
    for (int b = 0; b < p.batches(); b++) {
      for (int t = 0; t < p.maxTime(); t++) {
        int bt = b * p.maxTime() + t;
        step(bt * p.nInput(), b * p.nOutput(), b * p.nCell(), bt * p.nOutput(), 1);
      }
    }
  }

  private void step(int inOff, int hOff, int cellOff, int outOff, int batches) {
    Tensor x = p.input();
    Tensor h = p.outputState();
    Tensor cell = p.cellState();
    int nCell = p.nCell();
    for (int b = 0; b < batches; b++) {
      // With CIFG the input gate's rows (like the padding rows) are zeros: computed and ignored,
      // cheaper than a second layout.
      LstmFloatMath.products8(x.float32(), x.offset() + inOff + b * p.nInput(), inputWeights8, p.nInput(), rows8,
          accX);
      LstmFloatMath.products8(h.float32(), h.offset() + hOff + b * p.nOutput(), recurrentWeights8, p.nOutput(),
          rows8, accH);
      for (int g = p.cifg() ? 1 : 0; g < 4; g++) {
        Tensor bias = p.biases()[g];
        float[] biasData = bias.float32();
        int activation = g == 2 ? p.activation() : LstmFloatMath.SIGMOID;
        float[] gate = gates[g];
        for (int c = 0; c < nCell; c++) {
          int row = g * nCell + c;
          // The reference's bias + acc + rec, in that order.
          gate[b * nCell + c] = LstmFloatMath.activate(biasData[bias.offset() + c] + accX[row] + accH[row],
              activation);
        }
      }
    }
    int n = batches * nCell;
    LstmFloatMath.updateCell(cell.float32(), cell.offset() + cellOff, gates[0], gates[1], gates[2], n, p.cellClip());
    LstmFloatMath.hidden(gates[3], cell.float32(), cell.offset() + cellOff, p.activation(), n, h.float32(),
        h.offset() + hOff);
    System.arraycopy(h.float32(), h.offset() + hOff, p.output().float32(), p.output().offset() + outOff,
        batches * p.nOutput());
  }
}
