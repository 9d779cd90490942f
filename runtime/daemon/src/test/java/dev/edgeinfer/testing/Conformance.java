package dev.edgeinfer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance set in {@code ../shared/conformance}: real models with golden outputs computed by
 * TensorFlow Lite 2.19 itself. {@link #cases()} lists every (model, case) pair that has goldens.
 */
public final class Conformance {
  private Conformance() {}

  public static Path repo() {
    return Path.of(System.getProperty("edgeinfer.repo", "../..")).toAbsolutePath().normalize();
  }

  public static Path root() {
    return repo().resolve("../shared/conformance").normalize();
  }

  public static boolean available() {
    return Files.isDirectory(root().resolve("goldens"));
  }

  public static Path model(String name) {
    return root().resolve("models").resolve(name + ".tflite");
  }

  /** One golden case: the model file, its input files and expected output files, in tensor order. */
  public record Case(String model, int index, Path modelFile, List<Path> inputs, List<Path> outputs, JsonNode meta) {
    @Override
    public String toString() {
      return model + " case " + index;
    }

    /** Output tensor {@code j}'s element type in meta.json (FLOAT32, INT8, ...). */
    public String outputType(int j) {
      return meta.get("outputs").get(j).get("type").asText();
    }
  }

  public static Stream<Case> cases() {
    Path goldens = root().resolve("goldens");
    if (!Files.isDirectory(goldens)) {
      throw new IllegalStateException("the conformance set is missing: " + goldens
          + " (it lives in ../shared beside the repository)");
    }
    List<Case> all = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(goldens)) {
      for (Path dir : dirs.sorted().toList()) {
        JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
        Path modelFile = root().resolve(meta.get("file").asText());
        for (int k = 0; k < meta.get("cases").asInt(); k++) {
          List<Path> inputs = new ArrayList<>();
          for (int i = 0; i < meta.get("inputs").size(); i++) {
            inputs.add(dir.resolve("case" + k + ".input" + i + ".bin"));
          }
          List<Path> outputs = new ArrayList<>();
          for (int j = 0; j < meta.get("outputs").size(); j++) {
            outputs.add(dir.resolve("case" + k + ".output" + j + ".bin"));
          }
          all.add(new Case(meta.get("name").asText(), k, modelFile, inputs, outputs, meta));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.stream();
  }
}
