package dev.edgeinfer.engine;

/** An inference that failed at run time (the engine stays usable for the next window). */
public class InferenceException extends RuntimeException {
  public InferenceException(String message) {
    super(message);
  }
}
