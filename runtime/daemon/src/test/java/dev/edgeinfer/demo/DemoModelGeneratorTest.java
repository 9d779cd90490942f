package dev.edgeinfer.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoModelGeneratorTest {

  @Test
  void generate_inTempDir_matchesCommittedModelsByteForByte(@TempDir Path dir) throws Exception {
    DemoModelGenerator.Result result = new DemoModelGenerator().generate(dir);

    Path committed = RepoRoot.models();
    for (String file : List.of(DemoModelGenerator.FP32_FILE, DemoModelGenerator.INT8_FILE, DemoModelGenerator.LABELS_FILE)) {
      assertArrayEquals(Files.readAllBytes(committed.resolve(file)), Files.readAllBytes(dir.resolve(file)),
          file + " differs from the committed copy; rerun DemoModelGenerator into device-config/models if the change is intended");
    }
    assertEquals(List.of("idle", "normal", "imbalance", "bearing_wear"),
        Files.readAllLines(dir.resolve(DemoModelGenerator.LABELS_FILE)));
    assertTrue(result.heldOutAccuracy() >= 0.95, "float held-out accuracy " + result.heldOutAccuracy());
    assertTrue(result.int8Bytes() < result.fp32Bytes(), "the INT8 model should be the smaller one");
  }
}
