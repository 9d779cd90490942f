package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.Quantization;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorData;
import dev.edgeinfer.tflite.graph.TensorType;
import java.util.Map;

/**
 * FULLY_CONNECTED to INT8: weights per output channel (dimension 0 of [outputs, inputs]),
 * symmetric; bias int32 per channel at input_scale * weight_scale[c], zero point 0. TFLite's int8
 * kernel takes per-channel weights from version 4 on, which is the version int8 inputs imply.
 */
final class FullyConnectedQuantizer implements OpQuantizer {

  static final int INT8_VERSION = 4;

  @Override
  public Operator quantize(ModelGraph fp32, Operator op, Quantization[] activations, Map<Integer, Tensor> constants) {
    Quantization input = activations[op.input(0)];
    if (input == null || input.isPerChannel()) {
      throw new IllegalArgumentException("FULLY_CONNECTED input must be a per-tensor quantized activation");
    }
    Tensor w = fp32.tensor(op.input(1));
    int outs = w.dim(0);
    int ins = w.dim(1);
    float[] weights = w.floatData();
    float[] weightScales = new float[outs];
    byte[] q = new byte[weights.length];
    for (int o = 0; o < outs; o++) {
      weightScales[o] = QuantMath.symmetricScale(weights, o * ins, (o + 1) * ins);
      for (int i = o * ins; i < (o + 1) * ins; i++) {
        q[i] = QuantMath.quantizeWeight(weights[i], weightScales[o]);
      }
    }
    put(constants, op.input(1), Tensor.constant(w.name(), TensorType.INT8, w.shape(), q,
        Quantization.perChannel(weightScales, new long[outs], 0)));

    if (FloatFullyConnected.hasBias(op)) {
      Tensor b = fp32.tensor(op.input(2));
      float[] bias = b.floatData();
      float[] biasScales = new float[outs];
      int[] qb = new int[outs];
      for (int o = 0; o < outs; o++) {
        biasScales[o] = QuantMath.biasScale(input.scale(0), weightScales[o]);
        qb[o] = QuantMath.quantizeBias(bias[o], biasScales[o]);
      }
      put(constants, op.input(2), Tensor.constant(b.name(), TensorType.INT32, b.shape(), TensorData.fromInts(qb),
          Quantization.perChannel(biasScales, new long[outs], 0)));
    }
    return new Operator(op.op(), INT8_VERSION, op.inputs(), op.outputs(), op.options());
  }

  private static void put(Map<Integer, Tensor> constants, int index, Tensor t) {
    if (constants.putIfAbsent(index, t) != null) {
      throw new IllegalArgumentException("constant " + t.name() + " feeds more than one operator; "
          + "the quantizer needs one owner per weight tensor");
    }
  }
}
