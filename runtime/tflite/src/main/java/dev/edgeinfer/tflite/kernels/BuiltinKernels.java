package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.OpResolver;

/** The operators the pure-Java engine runs: every kernel family, registered by builtin operator name. */
public final class BuiltinKernels {
  private BuiltinKernels() {}

  public static OpResolver resolver() {
    OpResolver resolver = new OpResolver();
    ShapeKernels.register(resolver);
    ElementwiseKernels.register(resolver);
    ConvolutionKernels.register(resolver);
    SequenceKernels.register(resolver);
    return resolver;
  }
}
