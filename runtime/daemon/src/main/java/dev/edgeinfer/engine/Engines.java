package dev.edgeinfer.engine;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.ModelFormatException;
import dev.edgeinfer.tflite.read.ModelReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a model on the engine a config asks for. Every file is read and checked by the pure-Java
 * reader first: a file it rejects never reaches native code.
 */
public final class Engines {
  private Engines() {}

  /** Options for opening a model: engine choice, interpreter threads, and XNNPACK for the native engine. */
  public record Options(EngineKind kind, int threads, boolean xnnpack) {
    public static Options of(EngineKind kind, int threads) {
      return new Options(kind, threads, true);
    }
  }

  public static InferenceEngine open(Path file, Options options) throws ModelLoadException {
    ModelDescription description = describe(file);
    return switch (options.kind()) {
      case TFLITE -> new NativeTfliteEngine(file, description, options.threads(), options.xnnpack());
      case JAVA -> new JavaEngine(file, description);
      case AUTO -> auto(file, description, options);
    };
  }

  /** Native where this architecture has a build and the model loads there; pure Java otherwise. */
  private static InferenceEngine auto(Path file, ModelDescription description, Options options)
      throws ModelLoadException {
    if (NativeLibraries.hasBundledBuild()) {
      try {
        return new NativeTfliteEngine(file, description, options.threads(), options.xnnpack());
      } catch (ModelLoadException nativeRefused) {
        try {
          return new JavaEngine(file, description);
        } catch (ModelLoadException javaRefused) {
          throw new ModelLoadException(file, "no engine can run it: " + strip(file, nativeRefused) + "; and "
              + strip(file, javaRefused));
        }
      }
    }
    return new JavaEngine(file, description);
  }

  private static String strip(Path file, ModelLoadException e) {
    String prefix = file + ": ";
    return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
  }

  /** Reads and checks the file with the pure-Java reader; the error names the file and the fault. */
  public static ModelDescription describe(Path file) throws ModelLoadException {
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(file, "no such model file");
    }
    try {
      return new ModelReader().read(file);
    } catch (ModelFormatException e) {
      throw new ModelLoadException(file, "not a valid .tflite model: " + e.getMessage());
    } catch (IOException e) {
      throw new ModelLoadException(file, "cannot read: " + e.getMessage(), e);
    }
  }
}
