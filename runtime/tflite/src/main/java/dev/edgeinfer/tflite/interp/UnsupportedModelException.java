package dev.edgeinfer.tflite.interp;

/**
 * A well-formed model that the pure-Java engine cannot run: an operator it does not implement, or
 * a type, shape or option combination a kernel does not support. Raised when the model is loaded,
 * never halfway through an inference; the message names the operator and the reason, e.g.
 * {@code operator 12 (CONV_2D): dilation 2 on an INT16 input is not supported}.
 */
public class UnsupportedModelException extends Exception {
  public UnsupportedModelException(String message) {
    super(message);
  }
}
