package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.OpResolver;

/** Registers the kernels of this family: RESHAPE, SQUEEZE, EXPAND_DIMS, TRANSPOSE, CONCATENATION, STRIDED_SLICE, PAD. */
final class ShapeKernels {
  private ShapeKernels() {}

  static void register(OpResolver resolver) {
    resolver.register("RESHAPE", new Reshape())
        .register("SQUEEZE", new Squeeze())
        .register("EXPAND_DIMS", new ExpandDims())
        .register("TRANSPOSE", new Transpose())
        .register("CONCATENATION", new Concatenation())
        .register("STRIDED_SLICE", new StridedSlice())
        .register("PAD", new Pad());
  }
}
