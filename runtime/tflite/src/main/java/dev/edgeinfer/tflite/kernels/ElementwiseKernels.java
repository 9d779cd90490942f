package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.OpResolver;

/** Registers the kernels of this family: SOFTMAX, LOGISTIC, TANH, RELU, RELU6, LEAKY_RELU, HARD_SWISH, ADD, SUB, MUL, MEAN, QUANTIZE, DEQUANTIZE. */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  static void register(OpResolver resolver) {
  }
}
