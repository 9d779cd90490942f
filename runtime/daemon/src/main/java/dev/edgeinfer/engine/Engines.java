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
      case JAVA -> throw new ModelLoadException(file, "the pure-Java engine is not part of this build yet; "
          + "use engine: tflite or auto on x86_64/arm64");
      case AUTO -> {
        if (!NativeLibraries.hasBundledBuild()) {
          throw new ModelLoadException(file, "no engine can run here: native TensorFlow Lite has no build for "
              + System.getProperty("os.arch") + " and the pure-Java engine is not part of this build yet");
        }
        yield new NativeTfliteEngine(file, description, options.threads(), options.xnnpack());
      }
    };
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
