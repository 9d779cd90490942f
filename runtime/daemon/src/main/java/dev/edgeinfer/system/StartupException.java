package dev.edgeinfer.system;

/**
 * The config is valid on its own, but what it names does not fit together (a labels file that
 * names 3 labels for a model with 4 outputs, a preprocessing that makes 24 features for a model
 * that takes 16): the message names the config key. The CLI exits 2.
 */
public class StartupException extends Exception {
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
