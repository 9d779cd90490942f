package dev.edgeinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgeinfer model golden-check GOLDENS} (hidden; for the ARM proof): every case of a golden
 * set run as {@code infer} runs it (inputs, reset to the initial state, one invocation), in one JVM
 * so that an emulated ARM JVM starts once rather than once per case. GOLDENS holds one folder per
 * model: {@code meta.json} (model file relative to GOLDENS/.., case count, output tensor types) and
 * {@code caseK.inputI.bin} / {@code caseK.outputJ.bin}. Integer outputs must match byte for byte,
 * FP32 within 1e-5 (relative above 1). Exit 0 when every case matches, 1 otherwise.
 */
@Command(name = "golden-check", hidden = true, mixinStandardHelpOptions = true,
    description = "Run every case of a golden set and compare the outputs.")
public final class ModelGoldenCheckCommand implements Callable<Integer> {
  static final double FLOAT_TOLERANCE = 1e-5;

  @Parameters(paramLabel = "GOLDENS")
  Path goldens;

  @Option(names = "--engine", defaultValue = "java", paramLabel = "auto|tflite|java",
      converter = EngineKindConverter.class)
  EngineKind engineKind;

  @Override
  public Integer call() throws Exception {
    List<Path> models;
    try (Stream<Path> dirs = Files.list(goldens)) {
      models = dirs.filter(d -> Files.isRegularFile(d.resolve("meta.json"))).sorted().toList();
    } catch (IOException e) {
      throw new UsageError(goldens + ": cannot list (" + e.getMessage() + ")");
    }
    if (models.isEmpty()) {
      throw new UsageError(goldens + ": no model folders with a meta.json");
    }
    int cases = 0;
    int failed = 0;
    for (Path dir : models) {
      JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
      Path modelFile = goldens.toAbsolutePath().getParent().resolve(meta.get("file").asText());
      try (InferenceEngine engine = Engines.open(modelFile, new Engines.Options(engineKind, 1, false))) {
        for (int k = 0; k < meta.get("cases").asInt(); k++) {
          cases++;
          String problem = runCase(engine, dir, k, meta.get("outputs"));
          System.out.println(dir.getFileName() + " case " + k + ": " + (problem == null ? "ok" : problem));
          failed += problem == null ? 0 : 1;
        }
      } catch (Exception e) {
        failed++;
        System.out.println(dir.getFileName() + ": " + e.getMessage());
      }
    }
    System.out.println(cases + " cases of " + models.size() + " models on the " + engineKind.name().toLowerCase()
        + " engine: " + (failed == 0 ? "all match" : failed + " failed"));
    return failed == 0 ? Main.OK : Main.FAILURE;
  }

  /** Null when case {@code k} matches, else what differs. */
  private static String runCase(InferenceEngine engine, Path dir, int k, JsonNode outputs) throws IOException {
    for (int i = 0; i < engine.inputs().size(); i++) {
      byte[] bytes = Files.readAllBytes(dir.resolve("case" + k + ".input" + i + ".bin"));
      ByteBuffer in = engine.input(i);
      if (bytes.length != in.remaining()) {
        return "input " + i + " has " + bytes.length + " bytes, the model takes " + in.remaining();
      }
      in.put(bytes);
    }
    engine.resetState();
    engine.invoke();
    for (int j = 0; j < outputs.size(); j++) {
      byte[] want = Files.readAllBytes(dir.resolve("case" + k + ".output" + j + ".bin"));
      ByteBuffer out = engine.output(j);
      byte[] got = new byte[out.remaining()];
      out.get(got);
      String problem = compare(got, want, outputs.get(j).get("type").asText());
      if (problem != null) {
        return "output " + j + " " + problem;
      }
    }
    return null;
  }

  /** Null when equal: FLOAT32 within {@link #FLOAT_TOLERANCE}, any other type byte for byte. */
  static String compare(byte[] got, byte[] want, String type) {
    if (got.length != want.length) {
      return "has " + got.length + " bytes, expected " + want.length;
    }
    if (type.equals("FLOAT32")) {
      ByteBuffer a = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer b = ByteBuffer.wrap(want).order(ByteOrder.LITTLE_ENDIAN);
      for (int e = 0; e < got.length / 4; e++) {
        float x = a.getFloat(e * 4);
        float y = b.getFloat(e * 4);
        if (!(Math.abs(x - y) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(y)))) {
          return "element " + e + " is " + x + ", expected " + y;
        }
      }
      return null;
    }
    for (int e = 0; e < got.length; e++) {
      if (got[e] != want[e]) {
        return "byte " + e + " is " + got[e] + ", expected " + want[e] + " (" + type + ")";
      }
    }
    return null;
  }
}
