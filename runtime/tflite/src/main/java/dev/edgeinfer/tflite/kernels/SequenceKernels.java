package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.OpResolver;

/** Registers the kernels of this family: SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM. */
final class SequenceKernels {
  private SequenceKernels() {}

  static void register(OpResolver resolver) {
    resolver.register("SVDF", new SvdfKernel());
    resolver.register("UNIDIRECTIONAL_SEQUENCE_LSTM", new UnidirectionalSequenceLstmKernel());
  }
}
