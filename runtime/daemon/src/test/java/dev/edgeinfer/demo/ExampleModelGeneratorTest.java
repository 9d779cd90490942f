package dev.edgeinfer.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleModelGeneratorTest {

  @Test
  void generate_inTempDir_matchesCommittedModelsByteForByte(@TempDir Path dir) throws Exception {
    List<ExampleModelGenerator.Result> results = new ExampleModelGenerator().generate(dir);

    Path committed = RepoRoot.models();
    for (String name : List.of("motion", "room")) {
      for (String file : List.of(name + "_fp32.tflite", name + "_int8.tflite", name + ".labels")) {
        assertArrayEquals(Files.readAllBytes(committed.resolve(file)), Files.readAllBytes(dir.resolve(file)),
            file + " differs from the committed copy; rerun ExampleModelGenerator into device-config/models if intended");
      }
    }
    assertEquals(List.of("still", "motion"), Files.readAllLines(dir.resolve("motion.labels")));
    assertEquals(List.of("comfortable", "too_cold", "too_warm", "too_humid"), Files.readAllLines(dir.resolve("room.labels")));
    for (ExampleModelGenerator.Result r : results) {
      assertTrue(r.heldOutAccuracy() >= 0.95, r.name() + ": float held-out accuracy " + r.heldOutAccuracy());
    }
  }
}
