package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.Quantization;
import dev.edgeinfer.tflite.graph.Tensor;
import java.util.Map;

/**
 * SOFTMAX to INT8. Its output lies in [0, 1], and TFLite's int8 kernel insists on scale 1/256
 * and zero point -128 there, whatever calibration saw.
 */
final class SoftmaxQuantizer implements OpQuantizer {

  static final int INT8_VERSION = 2;
  static final Quantization OUTPUT = Quantization.perTensor(1f / 256, -128);

  @Override
  public Quantization outputQuantization(float min, float max) {
    return OUTPUT;
  }

  @Override
  public Operator quantize(ModelGraph fp32, Operator op, Quantization[] activations, Map<Integer, Tensor> constants) {
    return new Operator(op.op(), INT8_VERSION, op.inputs(), op.outputs(), op.options());
  }
}
