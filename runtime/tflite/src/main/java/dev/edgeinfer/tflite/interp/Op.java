package dev.edgeinfer.tflite.interp;

/**
 * A prepared operator. {@link #eval()} only computes: it allocates nothing and throws nothing for
 * any input values (saturating as TensorFlow Lite does), so an invoke cannot fail halfway.
 */
@FunctionalInterface
public interface Op {
  void eval();
}
