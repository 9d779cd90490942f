package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM (TensorFlow Lite 2.19, unidirectional_sequence_lstm.cc): FLOAT32,
 * and the fully integer "8x8 to 16" variant (INT8 input and weights, INT32 biases, INT8 output
 * state, INT16 cell state). Both with or without the input gate (CIFG); peephole, projection,
 * layer norm, hybrid weights and diagonal recurrent weights are refused at load.
 *
 * <p>Inputs, by the schema's numbering: 0 input; 1-4 input weights and 5-8 recurrent weights of the
 * input, forget, cell and output gates; 9-11 peephole; 12-15 gate biases; 16-17 projection;
 * 18 output state and 19 cell state (variables, updated in place); 20-23 layer norm.
 */
final class UnidirectionalSequenceLstmKernel implements Kernel {
  static final int ACTIVATION = 0, CELL_CLIP = 1, PROJ_CLIP = 2, TIME_MAJOR = 3, DIAGONAL_RECURRENT = 5;
  static final int OUTPUT_STATE = 18, CELL_STATE = 19;

  /** The tensors of one LSTM node, checked; gate arrays are indexed input, forget, cell, output. */
  record Parts(Tensor input, Tensor[] inputWeights, Tensor[] recurrentWeights, Tensor[] biases, Tensor outputState,
      Tensor cellState, Tensor output, boolean cifg, boolean timeMajor, int maxTime, int batches, int nInput,
      int nCell, int nOutput, int activation, float cellClip) {

    /** One LSTM step over {@code batches} rows: offsets of the input, state, cell state and output. */
    interface Step {
      void step(int inOff, int hOff, int cellOff, int outOff, int batches);
    }

    /**
     * Runs the sequence in TensorFlow Lite's order: time-major, all batches per step; batch-major,
     * each batch through all its steps. Shared by the float and the integer LSTM.
     */
    void forEachStep(Step step) {
      if (timeMajor) {
        for (int t = 0; t < maxTime; t++) {
          step.step(t * batches * nInput, 0, 0, t * batches * nOutput, batches);
        }
        return;
      }
      for (int b = 0; b < batches; b++) {
        for (int t = 0; t < maxTime; t++) {
          int bt = b * maxTime + t;
          step.step(bt * nInput, b * nOutput, b * nCell, bt * nOutput, 1);
        }
      }
    }
  }

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Parts p = parts(node);
    if (p.input().type() == TensorTypes.FLOAT32) {
      return LstmFloatOp.prepare(node, p);
    }
    return LstmIntegerOp.prepare(node, p);
  }

  private static Parts parts(Node node) throws UnsupportedModelException {
    if (node.inputCount() != 20 && node.inputCount() != 24) {
      throw node.unsupported("expects 20 or 24 inputs, has " + node.inputCount());
    }
    Tensor input = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8);
    if (node.boolOption(DIAGONAL_RECURRENT, false)) {
      throw node.unsupported("diagonal recurrent weights are not supported");
    }
    float cellClip = node.floatOption(CELL_CLIP, 0f);
    if (!(cellClip >= 0f) || !(node.floatOption(PROJ_CLIP, 0f) >= 0f)) {
      throw node.unsupported("cell_clip and proj_clip must not be negative");
    }
    for (int i : new int[] {9, 10, 11}) {
      if (node.input(i) != null) {
        throw node.unsupported("peephole weights (input " + i + ") are not supported");
      }
    }
    if (node.input(16) != null || node.input(17) != null) {
      throw node.unsupported("projection (inputs 16, 17) is not supported");
    }
    for (int i = 20; i < node.inputCount(); i++) {
      if (node.input(i) != null) {
        throw node.unsupported("layer normalization (input " + i + ") is not supported");
      }
    }
    boolean cifg = node.input(1) == null;
    if (cifg != (node.input(5) == null) || cifg != (node.input(12) == null)) {
      throw node.unsupported("input gate weights and bias must be all present or all absent (CIFG)");
    }
    if (input.rank() != 2 && input.rank() != 3) {
      throw node.unsupported("input must have rank 2 or 3, has " + input.rank());
    }
    boolean timeMajor = node.boolOption(TIME_MAJOR, false);
    int maxTime = input.rank() == 2 ? 1 : input.dim(timeMajor ? 0 : 1);
    int batches = input.rank() == 2 ? input.dim(0) : input.dim(timeMajor ? 1 : 0);
    int nInput = input.dim(input.rank() - 1);
    Tensor[] w = new Tensor[4];
    Tensor[] r = new Tensor[4];
    Tensor[] bias = new Tensor[4];
    for (int g = cifg ? 1 : 0; g < 4; g++) {
      w[g] = node.requireInput(1 + g);
      r[g] = node.requireInput(5 + g);
      bias[g] = node.requireInput(12 + g);
    }
    int nCell = w[3].rank() == 2 ? w[3].dim(0) : -1;
    int nOutput = r[3].rank() == 2 ? r[3].dim(1) : -1;
    for (int g = cifg ? 1 : 0; g < 4; g++) {
      requireShape(node, w[g], 1 + g, nCell, nInput);
      requireShape(node, r[g], 5 + g, nCell, nOutput);
      if (bias[g].rank() != 1 || bias[g].dim(0) != nCell) {
        throw node.unsupported("input " + (12 + g) + " (gate bias) must have shape [" + nCell + "]");
      }
    }
    if (nOutput != nCell) {
      throw node.unsupported("without projection the output size (" + nOutput + ") must equal the cell count ("
          + nCell + ")");
    }
    Tensor outputState = node.requireInput(OUTPUT_STATE);
    Tensor cellState = node.requireInput(CELL_STATE);
    if (!outputState.isVariable() || !cellState.isVariable()) {
      throw node.unsupported("inputs 18 and 19 (output and cell state) must be variable tensors");
    }
    if (outputState.size() != batches * nOutput || cellState.size() != batches * nCell) {
      throw node.unsupported("state sizes " + outputState.size() + ", " + cellState.size() + " do not match "
          + batches + " batches of " + nOutput + " outputs and " + nCell + " cells");
    }
    Tensor output = node.requireOutput(0, input.type());
    if (output.size() != maxTime * batches * nOutput) {
      throw node.unsupported("output has " + output.size() + " elements, expected " + maxTime * batches * nOutput);
    }
    return new Parts(input, w, r, bias, outputState, cellState, output, cifg, timeMajor, maxTime, batches, nInput,
        nCell, nOutput, node.byteOption(ACTIVATION, (byte) 0), cellClip);
  }

  private static void requireShape(Node node, Tensor t, int index, int rows, int cols)
      throws UnsupportedModelException {
    if (t.rank() != 2 || t.dim(0) != rows || t.dim(1) != cols) {
      throw node.unsupported("input " + index + " must have shape [" + rows + ", " + cols + "], is " + t);
    }
  }
}
