package dev.edgeinfer.tflite.graph;

/**
 * The builtin options of one operator: one record per {@code *Options} table of the schema, each
 * naming the operator it belongs to so a mismatch is caught when the graph is built.
 */
public sealed interface OperatorOptions {

  BuiltinOperator operator();

  /** {@code FullyConnectedOptions}: default weights format, 2-D output. */
  record FullyConnected(Activation activation) implements OperatorOptions {
    public FullyConnected {
      if (activation == null) {
        throw new IllegalArgumentException("activation must not be null (use Activation.NONE)");
      }
    }

    @Override
    public BuiltinOperator operator() {
      return BuiltinOperator.FULLY_CONNECTED;
    }
  }

  /** {@code SoftmaxOptions}: softmax(beta * x). */
  record Softmax(float beta) implements OperatorOptions {
    public Softmax {
      if (!(beta > 0) || Float.isInfinite(beta)) {
        throw new IllegalArgumentException("softmax beta must be a positive finite number: " + beta);
      }
    }

    @Override
    public BuiltinOperator operator() {
      return BuiltinOperator.SOFTMAX;
    }
  }

  /** {@code QuantizeOptions}: an empty table. */
  record Quantize() implements OperatorOptions {
    @Override
    public BuiltinOperator operator() {
      return BuiltinOperator.QUANTIZE;
    }
  }

  /** {@code DequantizeOptions}: an empty table. */
  record Dequantize() implements OperatorOptions {
    @Override
    public BuiltinOperator operator() {
      return BuiltinOperator.DEQUANTIZE;
    }
  }
}
