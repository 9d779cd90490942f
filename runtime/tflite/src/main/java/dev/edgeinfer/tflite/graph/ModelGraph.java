package dev.edgeinfer.tflite.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-memory TFLite model with one subgraph: tensors, operators in execution order, the
 * subgraph's input and output tensor indices, and a description. Immutable; build it with
 * {@link #builder()}, which checks every index as it is added.
 */
public final class ModelGraph {

  private final List<Tensor> tensors;
  private final List<Operator> operators;
  private final int[] inputs;
  private final int[] outputs;
  private final String description;
  private final String subgraphName;

  private ModelGraph(Builder b) {
    this.tensors = List.copyOf(b.tensors);
    this.operators = List.copyOf(b.operators);
    this.inputs = b.inputs.clone();
    this.outputs = b.outputs.clone();
    this.description = b.description;
    this.subgraphName = b.subgraphName;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Tensor> tensors() {
    return tensors;
  }

  public Tensor tensor(int index) {
    return tensors.get(index);
  }

  public List<Operator> operators() {
    return operators;
  }

  public int[] inputs() {
    return inputs.clone();
  }

  public int[] outputs() {
    return outputs.clone();
  }

  public String description() {
    return description;
  }

  public String subgraphName() {
    return subgraphName;
  }

  /** Collects tensors and operators; not thread-safe. */
  public static final class Builder {
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Operator> operators = new ArrayList<>();
    private int[] inputs = new int[0];
    private int[] outputs = new int[0];
    private String description = "";
    private String subgraphName = "main";

    private Builder() {}

    /** Adds a tensor and returns its index. */
    public int addTensor(Tensor t) {
      if (t == null) {
        throw new IllegalArgumentException("tensor must not be null");
      }
      tensors.add(t);
      return tensors.size() - 1;
    }

    public Builder addOperator(Operator op) {
      checkIndices(op.op() + " inputs", optionalAllowed(op.inputs()));
      checkIndices(op.op() + " outputs", op.outputs());
      operators.add(op);
      return this;
    }

    public Builder inputs(int... indices) {
      checkIndices("subgraph inputs", indices);
      inputs = indices.clone();
      return this;
    }

    public Builder outputs(int... indices) {
      checkIndices("subgraph outputs", indices);
      outputs = indices.clone();
      return this;
    }

    public Builder description(String d) {
      description = d == null ? "" : d;
      return this;
    }

    public Builder subgraphName(String n) {
      subgraphName = n == null ? "" : n;
      return this;
    }

    /** Operator inputs may be -1, TFLite's mark for an optional input left out. */
    private static int[] optionalAllowed(int[] indices) {
      return Arrays.stream(indices).filter(i -> i != -1).toArray();
    }

    private void checkIndices(String what, int[] indices) {
      for (int i : indices) {
        if (i < 0 || i >= tensors.size()) {
          throw new IllegalArgumentException(what + ": tensor index " + i + " not added yet (have "
              + tensors.size() + "): " + Arrays.toString(indices));
        }
      }
    }

    public ModelGraph build() {
      if (inputs.length == 0 || outputs.length == 0) {
        throw new IllegalStateException("a model needs subgraph inputs and outputs");
      }
      return new ModelGraph(this);
    }
  }
}
