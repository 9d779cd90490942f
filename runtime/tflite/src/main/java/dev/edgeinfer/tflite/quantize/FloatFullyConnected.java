package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.Activation;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorType;

/**
 * FULLY_CONNECTED in float: out[b][o] = act(bias[o] + sum_i in[b][i] * w[o][i]), weights shaped
 * [outputs, inputs] as TFLite stores them; the input is read as rows of {@code inputs} values.
 */
final class FloatFullyConnected implements FloatKernel {

  @Override
  public void check(ModelGraph graph, Operator op) {
    if (op.inputs().length < 2 || op.outputs().length != 1) {
      throw new IllegalArgumentException("FULLY_CONNECTED needs input, weights[, bias] and one output");
    }
    Tensor w = graph.tensor(op.input(1));
    if (!w.isConstant() || w.type() != TensorType.FLOAT32 || w.rank() != 2) {
      throw new IllegalArgumentException("FULLY_CONNECTED weights " + w.name() + " must be a 2-D FLOAT32 constant");
    }
    if (graph.tensor(op.input(0)).elementCount() % w.dim(1) != 0) {
      throw new IllegalArgumentException("FULLY_CONNECTED input " + graph.tensor(op.input(0)).name()
          + " is not a whole number of rows of " + w.dim(1));
    }
    if (hasBias(op)) {
      Tensor b = graph.tensor(op.input(2));
      if (!b.isConstant() || b.type() != TensorType.FLOAT32 || b.elementCount() != w.dim(0)) {
        throw new IllegalArgumentException("FULLY_CONNECTED bias " + b.name() + " must be a FLOAT32 constant of " + w.dim(0));
      }
    }
  }

  static boolean hasBias(Operator op) {
    return op.inputs().length > 2 && op.input(2) >= 0;
  }

  @Override
  public void eval(ModelGraph graph, Operator op, float[][] values) {
    float[] in = values[op.input(0)];
    float[] w = values[op.input(1)];
    float[] bias = hasBias(op) ? values[op.input(2)] : null;
    Tensor wt = graph.tensor(op.input(1));
    int outs = wt.dim(0);
    int ins = wt.dim(1);
    int rows = in.length / ins;
    Activation act = ((OperatorOptions.FullyConnected) op.options()).activation();
    float[] out = new float[rows * outs];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < outs; o++) {
        double acc = bias == null ? 0 : bias[o];
        for (int i = 0; i < ins; i++) {
          acc += (double) in[r * ins + i] * w[o * ins + i];
        }
        out[r * outs + o] = (float) activate(acc, act);
      }
    }
    values[op.output(0)] = out;
  }

  private static double activate(double x, Activation act) {
    switch (act) {
      case NONE:
        return x;
      case RELU:
        return Math.max(0, x);
      case RELU6:
        return Math.min(6, Math.max(0, x));
      case RELU_N1_TO_1:
        return Math.min(1, Math.max(-1, x));
      default:
        throw new IllegalArgumentException("unsupported activation " + act);
    }
  }
}
