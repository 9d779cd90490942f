package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorType;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs an FP32 graph in plain Java and returns the value of every tensor, which is what
 * calibration needs (an interpreter would only hand back the outputs). Operators without a float
 * kernel here are refused when the evaluator is made. Reference math, not tuned for speed.
 */
public final class FloatEvaluator {

  private static final Map<BuiltinOperator, FloatKernel> KERNELS = new EnumMap<>(BuiltinOperator.class);

  static {
    KERNELS.put(BuiltinOperator.FULLY_CONNECTED, new FloatFullyConnected());
    KERNELS.put(BuiltinOperator.SOFTMAX, new FloatSoftmax());
  }

  private final ModelGraph graph;
  private final float[][] constants;

  public FloatEvaluator(ModelGraph graph) {
    this.graph = graph;
    if (graph.inputs().length != 1) {
      throw new IllegalArgumentException("the float evaluator takes graphs with one input, not " + graph.inputs().length);
    }
    for (Operator op : graph.operators()) {
      FloatKernel k = KERNELS.get(op.op());
      if (k == null) {
        throw new IllegalArgumentException("no float reference kernel for " + op.op() + "; supported: " + KERNELS.keySet());
      }
      k.check(graph, op);
    }
    constants = new float[graph.tensors().size()][];
    for (int i = 0; i < constants.length; i++) {
      Tensor t = graph.tensor(i);
      if (t.isConstant() && t.type() == TensorType.FLOAT32) {
        constants[i] = t.floatData();
      }
    }
  }

  /** All tensor values for one input; entry i belongs to tensor i. */
  public float[][] run(float[] input) {
    Tensor in = graph.tensor(graph.inputs()[0]);
    if (input.length != in.elementCount()) {
      throw new IllegalArgumentException("input " + in.name() + " has " + in.elementCount() + " values, got " + input.length);
    }
    float[][] values = constants.clone();
    values[graph.inputs()[0]] = input.clone();
    for (Operator op : graph.operators()) {
      KERNELS.get(op.op()).eval(graph, op, values);
    }
    return values;
  }

  /** The first output's values for one input. */
  public float[] output(float[] input) {
    return run(input)[graph.outputs()[0]];
  }

  static boolean supports(BuiltinOperator op) {
    return KERNELS.containsKey(op);
  }
}
