package dev.edgeinfer.tflite.graph;

import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.ModelFormatException;
import dev.edgeinfer.tflite.read.OperatorDescription;
import dev.edgeinfer.tflite.read.TensorDescription;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A checked {@code .tflite} file as a {@link ModelGraph}, so that the quantizer can take models
 * written by other tools, not only ours. Only what the graph can hold comes across: operators it
 * names in {@link BuiltinOperator}, with the options it represents. Anything else is refused with
 * the operator or tensor named, rather than imported with its meaning silently changed.
 */
public final class GraphImport {

  // Field ids of FullyConnectedOptions and SoftmaxOptions in the schema.
  private static final int FC_ACTIVATION = 0;
  private static final int FC_WEIGHTS_FORMAT = 1;
  private static final int FC_KEEP_NUM_DIMS = 2;
  private static final int SOFTMAX_BETA = 0;

  private GraphImport() {}

  public static ModelGraph fromDescription(ModelDescription model) {
    if (model.subgraphCount() != 1) {
      throw new IllegalArgumentException("the model has " + model.subgraphCount() + " subgraphs; only one is supported");
    }
    ModelGraph.Builder b = ModelGraph.builder();
    if (model.description() != null) {
      b.description(model.description());
    }
    for (TensorDescription t : model.tensors()) {
      b.addTensor(tensor(model, t));
    }
    for (OperatorDescription op : model.operators()) {
      b.addOperator(operator(op));
    }
    return b.inputs(model.inputs()).outputs(model.outputs()).build();
  }

  private static Tensor tensor(ModelDescription model, TensorDescription t) {
    TensorType type = Arrays.stream(TensorType.values()).filter(v -> v.schemaCode() == t.type()).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("tensor " + t.index() + " (" + t.name() + "): type "
            + t.typeName() + " is not supported"));
    if (t.variable()) {
      throw new IllegalArgumentException("tensor " + t.index() + " (" + t.name() + ") is a variable tensor; "
          + "stateful models are not supported");
    }
    Quantization q = null;
    if (t.scales().length == 1) {
      q = Quantization.perTensor(t.scales()[0], t.zeroPoints()[0]);
    } else if (t.scales().length > 1) {
      q = Quantization.perChannel(t.scales(), t.zeroPoints(), t.quantizedDimension());
    }
    if (!t.isConstant()) {
      return Tensor.activation(t.name(), type, t.shape(), q);
    }
    ByteBuffer data = model.constantData(t);
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    return Tensor.constant(t.name(), type, t.shape(), bytes, q);
  }

  private static Operator operator(OperatorDescription op) {
    BuiltinOperator builtin = Arrays.stream(BuiltinOperator.values()).filter(v -> v.code() == op.builtinCode())
        .findFirst().orElseThrow(() -> new IllegalArgumentException("operator " + op.index() + ": " + op.opName()
            + " is not supported; supported: " + Arrays.toString(BuiltinOperator.values())));
    for (int input : op.inputs()) {
      if (input < 0) {
        throw new IllegalArgumentException("operator " + op.index() + " (" + op.opName()
            + ") omits an optional input; not supported");
      }
    }
    try {
      return new Operator(builtin, op.version(), op.inputs(), op.outputs(), options(builtin, op));
    } catch (ModelFormatException e) {
      throw new IllegalArgumentException("operator " + op.index() + " (" + op.opName() + "): " + e.getMessage(), e);
    }
  }

  private static OperatorOptions options(BuiltinOperator builtin, OperatorDescription op) throws ModelFormatException {
    return switch (builtin) {
      case FULLY_CONNECTED -> {
        if (op.options().getByte(FC_WEIGHTS_FORMAT, (byte) 0) != 0) {
          throw new IllegalArgumentException("operator " + op.index() + " (FULLY_CONNECTED): shuffled weights "
              + "are not supported");
        }
        if (op.options().getBool(FC_KEEP_NUM_DIMS, false)) {
          throw new IllegalArgumentException("operator " + op.index() + " (FULLY_CONNECTED): keep_num_dims "
              + "is not supported");
        }
        byte code = op.options().getByte(FC_ACTIVATION, (byte) 0);
        Activation activation = Arrays.stream(Activation.values()).filter(a -> a.schemaCode() == code).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("operator " + op.index()
                + " (FULLY_CONNECTED): fused activation " + code + " is not supported"));
        yield new OperatorOptions.FullyConnected(activation);
      }
      case SOFTMAX -> new OperatorOptions.Softmax(op.options().getFloat(SOFTMAX_BETA, 1f));
      case QUANTIZE -> new OperatorOptions.Quantize();
      case DEQUANTIZE -> new OperatorOptions.Dequantize();
    };
  }
}
