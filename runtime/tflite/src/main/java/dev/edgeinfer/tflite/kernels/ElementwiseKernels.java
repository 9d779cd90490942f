package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.OpResolver;

/** Registers the kernels of this family: SOFTMAX, LOGISTIC, TANH, RELU, RELU6, LEAKY_RELU, HARD_SWISH, ADD, SUB, MUL, MEAN, QUANTIZE, DEQUANTIZE. */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  static void register(OpResolver resolver) {
    resolver.register("SOFTMAX", new Softmax())
        .register("LOGISTIC", new Logistic())
        .register("TANH", new Tanh())
        .register("RELU", new Relu(Float.POSITIVE_INFINITY))
        .register("RELU6", new Relu(6f))
        .register("LEAKY_RELU", new LeakyRelu())
        .register("HARD_SWISH", new HardSwish())
        .register("ADD", new Add())
        .register("SUB", new Sub())
        .register("MUL", new Mul())
        .register("MEAN", new Mean())
        .register("QUANTIZE", new Quantize())
        .register("DEQUANTIZE", new Dequantize());
  }
}
