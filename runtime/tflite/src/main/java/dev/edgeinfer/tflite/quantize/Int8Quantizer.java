package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.Quantization;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-training full-integer quantization: runs the FP32 graph over calibration inputs, records
 * each activation's range, and returns the same graph with INT8 activations (the model's input
 * and output included: callers quantize inputs themselves), per-channel INT8 weights and INT32
 * biases. Tensor indices, names and operator order are kept, so the two models line up.
 *
 * <p>Deterministic: the same graph and calibration set give the same graph, hence the same file.
 */
public final class Int8Quantizer {

  private static final Map<BuiltinOperator, OpQuantizer> QUANTIZERS = new EnumMap<>(BuiltinOperator.class);

  static {
    QUANTIZERS.put(BuiltinOperator.FULLY_CONNECTED, new FullyConnectedQuantizer());
    QUANTIZERS.put(BuiltinOperator.SOFTMAX, new SoftmaxQuantizer());
  }

  public ModelGraph quantize(ModelGraph fp32, List<float[]> calibrationInputs) {
    if (calibrationInputs.isEmpty()) {
      throw new IllegalArgumentException("calibration needs at least one input");
    }
    for (Operator op : fp32.operators()) {
      if (!QUANTIZERS.containsKey(op.op())) {
        throw new IllegalArgumentException("cannot quantize " + op.op() + "; supported: " + QUANTIZERS.keySet());
      }
    }
    for (Tensor t : fp32.tensors()) {
      if (t.type() != TensorType.FLOAT32) {
        throw new IllegalArgumentException("tensor " + t.name() + " is " + t.type() + "; the input must be an FP32 model");
      }
    }
    FloatEvaluator evaluator = new FloatEvaluator(fp32);
    ActivationRanges ranges = new ActivationRanges(fp32.tensors().size());
    for (float[] input : calibrationInputs) {
      ranges.record(evaluator.run(input));
    }

    Quantization[] activations = new Quantization[fp32.tensors().size()];
    for (int in : fp32.inputs()) {
      activations[in] = QuantMath.asymmetricInt8(ranges.min(in), ranges.max(in));
    }
    for (Operator op : fp32.operators()) {
      for (int out : op.outputs()) {
        if (!ranges.seen(out)) {
          throw new IllegalStateException("calibration never reached tensor " + fp32.tensor(out).name());
        }
        activations[out] = QUANTIZERS.get(op.op()).outputQuantization(ranges.min(out), ranges.max(out));
      }
    }

    Map<Integer, Tensor> constants = new HashMap<>();
    ModelGraph.Builder b = ModelGraph.builder();
    Operator[] ops = new Operator[fp32.operators().size()];
    for (int i = 0; i < ops.length; i++) {
      Operator op = fp32.operators().get(i);
      ops[i] = QUANTIZERS.get(op.op()).quantize(fp32, op, activations, constants);
    }
    for (int i = 0; i < fp32.tensors().size(); i++) {
      Tensor t = fp32.tensor(i);
      if (t.isConstant()) {
        Tensor q = constants.get(i);
        if (q == null) {
          throw new IllegalArgumentException("constant " + t.name() + " is not an input any quantizer owns");
        }
        b.addTensor(q);
      } else {
        b.addTensor(Tensor.activation(t.name(), TensorType.INT8, t.shape(), activations[i]));
      }
    }
    for (Operator op : ops) {
      b.addOperator(op);
    }
    return b.inputs(fp32.inputs()).outputs(fp32.outputs())
        .description(fp32.description() + " (int8)")
        .subgraphName(fp32.subgraphName())
        .build();
  }
}
