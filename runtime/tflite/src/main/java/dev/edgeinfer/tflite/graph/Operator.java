package dev.edgeinfer.tflite.graph;

/**
 * One operator of a subgraph: which builtin, its version (as the converter would set it; the
 * runtime looks kernels up by operator and version), the tensor indices it reads and writes, and
 * its options.
 */
public record Operator(BuiltinOperator op, int version, int[] inputs, int[] outputs, OperatorOptions options) {

  public Operator {
    if (op == null || options == null) {
      throw new IllegalArgumentException("operator and options must not be null");
    }
    if (options.operator() != op) {
      throw new IllegalArgumentException(options + " are not options of " + op);
    }
    if (version < 1) {
      throw new IllegalArgumentException(op + ": version must be >= 1: " + version);
    }
    inputs = inputs.clone();
    outputs = outputs.clone();
  }

  @Override
  public int[] inputs() {
    return inputs.clone();
  }

  @Override
  public int[] outputs() {
    return outputs.clone();
  }

  public int input(int i) {
    return inputs[i];
  }

  public int output(int i) {
    return outputs[i];
  }
}
