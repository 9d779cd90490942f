package dev.edgeinfer.tflite.interp;

/**
 * One operator's implementation. {@link #prepare} runs once, when the model is loaded: it checks
 * types, shapes, options and quantization (an unsupported combination fails the load with a
 * reason), precomputes multipliers and scratch space, and returns the {@link Op} that computes.
 * Tensor data arrays are already assigned when {@code prepare} runs.
 */
@FunctionalInterface
public interface Kernel {
  Op prepare(Node node) throws UnsupportedModelException;
}
