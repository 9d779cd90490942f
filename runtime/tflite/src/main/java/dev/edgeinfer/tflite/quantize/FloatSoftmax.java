package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Tensor;

/** SOFTMAX in float over the last dimension, shifted by the row maximum so exp cannot overflow. */
final class FloatSoftmax implements FloatKernel {

  @Override
  public void check(ModelGraph graph, Operator op) {
    if (op.inputs().length != 1 || op.outputs().length != 1) {
      throw new IllegalArgumentException("SOFTMAX needs one input and one output");
    }
    Tensor in = graph.tensor(op.input(0));
    if (in.rank() < 1 || in.elementCount() != graph.tensor(op.output(0)).elementCount()) {
      throw new IllegalArgumentException("SOFTMAX input and output of " + in.name() + " differ in size");
    }
  }

  @Override
  public void eval(ModelGraph graph, Operator op, float[][] values) {
    float[] in = values[op.input(0)];
    Tensor t = graph.tensor(op.input(0));
    int depth = t.dim(t.rank() - 1);
    double beta = ((OperatorOptions.Softmax) op.options()).beta();
    float[] out = new float[in.length];
    double[] e = new double[depth];
    for (int start = 0; start < in.length; start += depth) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < depth; i++) {
        max = Math.max(max, in[start + i]);
      }
      double sum = 0;
      for (int i = 0; i < depth; i++) {
        e[i] = StrictMath.exp(beta * (in[start + i] - max));
        sum += e[i];
      }
      for (int i = 0; i < depth; i++) {
        out[start + i] = (float) (e[i] / sum);
      }
    }
    values[op.output(0)] = out;
  }
}
