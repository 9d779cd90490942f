package dev.edgeinfer.engine;

import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * Whether this JVM can run native TensorFlow Lite: the jar carries JavaCPP builds for
 * linux-x86_64 and linux-arm64 only (there is no 32-bit ARM build).
 */
public final class NativeLibraries {
  private static volatile Throwable loadFailure;
  private static volatile boolean loaded;

  private NativeLibraries() {}

  /** True when this OS/architecture has a bundled build (it may still fail to load). */
  public static boolean hasBundledBuild() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64")
        || arch.equals("arm64"));
  }

  /** Loads the natives once, or explains why they are not available. */
  static synchronized void load(Path forModel) throws ModelLoadException {
    if (loaded) {
      return;
    }
    if (!hasBundledBuild()) {
      throw new ModelLoadException(forModel, "native TensorFlow Lite has no build for "
          + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "; use engine: java");
    }
    if (loadFailure == null) {
      try {
        Loader.load(tensorflowlite.class);
        loaded = true;
        return;
      } catch (Throwable e) {
        loadFailure = e;
      }
    }
    throw new ModelLoadException(forModel, "native TensorFlow Lite failed to load: " + loadFailure, loadFailure);
  }
}
