package dev.edgeinfer.tflite.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The conformance set in ../shared/conformance: each model's golden cases, computed by TensorFlow
 * Lite 2.19 itself. The module has no JSON library, and meta.json's two fields we need (the model
 * file and the case count) are read with a pattern.
 */
public final class Goldens {
  private static final Pattern FILE = Pattern.compile("\"file\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CASES = Pattern.compile("\"cases\"\\s*:\\s*(\\d+)");

  private Goldens() {}

  public static Path root() {
    return Path.of(System.getProperty("edgeinfer.repo", "../..")).toAbsolutePath()
        .resolve("../shared/conformance").normalize();
  }

  public static Path model(String name) {
    return root().resolve("models").resolve(name + ".tflite");
  }

  /** One golden case: input and output files in tensor order. */
  public record Case(String model, int index, Path modelFile, List<Path> inputs, List<Path> outputs) {
    @Override
    public String toString() {
      return model + " case " + index;
    }
  }

  public static Stream<Case> cases() {
    Path goldens = root().resolve("goldens");
    if (!Files.isDirectory(goldens)) {
      throw new IllegalStateException("the conformance set is missing: " + goldens);
    }
    List<Case> all = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(goldens)) {
      for (Path dir : dirs.sorted().toList()) {
        String meta = Files.readString(dir.resolve("meta.json"));
        Matcher file = FILE.matcher(meta);
        Matcher cases = CASES.matcher(meta);
        if (!file.find() || !cases.find()) {
          throw new IllegalStateException(dir + "/meta.json: no file or cases field");
        }
        for (int k = 0; k < Integer.parseInt(cases.group(1)); k++) {
          all.add(new Case(dir.getFileName().toString(), k, root().resolve(file.group(1)),
              numbered(dir, "case" + k + ".input"), numbered(dir, "case" + k + ".output")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.stream();
  }

  private static List<Path> numbered(Path dir, String prefix) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; Files.exists(dir.resolve(prefix + i + ".bin")); i++) {
      files.add(dir.resolve(prefix + i + ".bin"));
    }
    return files;
  }
}
