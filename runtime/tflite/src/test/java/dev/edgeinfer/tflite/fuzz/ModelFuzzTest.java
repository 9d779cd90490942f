package dev.edgeinfer.tflite.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.kernels.BuiltinKernels;
import dev.edgeinfer.tflite.kernels.Goldens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 20,000 seeded mutations of the conformance models and the demo models through the reader,
 * the loader and one invoke: each ends as a working model or a typed error, never anything else.
 * A longer run: {@code edgeinfer model fuzz --mutations 100000}.
 */
class ModelFuzzTest {

  static List<byte[]> seedModels() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(Goldens.root().resolve("models"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tflite")).sorted().toList()) {
        seeds.add(Files.readAllBytes(f));
      }
    }
    Path demo = Path.of(System.getProperty("edgeinfer.repo", "../..")).resolve("device-config/models");
    seeds.add(Files.readAllBytes(demo.resolve("vibration_int8.tflite")));
    seeds.add(Files.readAllBytes(demo.resolve("vibration_fp32.tflite")));
    return seeds;
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang is a finding too
  void fuzz_20000Mutations_endAsModelsOrTypedErrorsOnly() throws Exception {
    ModelFuzzer.Report report = new ModelFuzzer(seedModels(), BuiltinKernels.resolver(), 512 * 1024)
        .run(20_000, 20261127L);
    System.out.println("ModelFuzzTest: " + report);
    assertEquals(List.of(), report.findings(), report.toString());
    assertEquals(0, report.findingCount());
    assertTrue(report.formatErrors() > 1000, "mutations must hit the format checks: " + report);
  }
}
