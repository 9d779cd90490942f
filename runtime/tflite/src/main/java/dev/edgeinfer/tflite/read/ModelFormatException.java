package dev.edgeinfer.tflite.read;

/**
 * A {@code .tflite} file that breaks the format: the message names the table and field at fault,
 * e.g. {@code tensor 33: buffer index 912 out of range (buffers: 90)}.
 */
public class ModelFormatException extends Exception {
  public ModelFormatException(String message) {
    super(message);
  }
}
