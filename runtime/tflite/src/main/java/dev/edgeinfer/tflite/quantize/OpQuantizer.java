package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.Quantization;
import dev.edgeinfer.tflite.graph.Tensor;
import java.util.Map;

/** How one operator becomes its INT8 form. One implementation per operator, so the set grows. */
interface OpQuantizer {

  /**
   * The parameters of the operator's output tensor, given the range calibration saw there.
   * Operators whose kernel fixes them (softmax) ignore the range.
   */
  default Quantization outputQuantization(float min, float max) {
    return QuantMath.asymmetricInt8(min, max);
  }

  /**
   * The INT8 operator. Constant inputs it owns (weights, bias) go into {@code constants} by
   * tensor index, quantized using {@code activations}, the parameters already chosen for every
   * activation tensor (null for constants).
   */
  Operator quantize(ModelGraph fp32, Operator op, Quantization[] activations, Map<Integer, Tensor> constants);
}
