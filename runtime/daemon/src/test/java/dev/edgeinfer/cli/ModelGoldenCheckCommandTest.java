package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.Conformance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelGoldenCheckCommandTest {
  @TempDir
  Path tmp;

  @Test
  void goldenCheck_javaEngineOnTheConformanceSet_matchesEveryCase() {
    CliRun run = CliRun.of("model", "golden-check", Conformance.root().resolve("goldens").toString(), "--engine", "java");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    long cases = Conformance.cases().count();
    assertTrue(run.out().contains("hello_world_int8 case 0: ok"), run.out());
    assertTrue(run.out().endsWith(cases + " cases of 10 models on the java engine: all match" + System.lineSeparator()),
        run.out());
  }

  @Test
  void goldenCheck_oneWrongByte_failsAndNamesTheCase() throws Exception {
    Path src = Conformance.root().resolve("goldens/hello_world_int8");
    Path dir = Files.createDirectories(tmp.resolve("goldens/hello_world_int8"));
    try (Stream<Path> files = Files.list(src)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Files.createDirectories(tmp.resolve("models"));
    Files.copy(Conformance.model("hello_world_int8"), tmp.resolve("models/hello_world_int8.tflite"));
    Path out = dir.resolve("case1.output0.bin");
    byte[] bytes = Files.readAllBytes(out);
    byte right = bytes[0];
    bytes[0]++;
    Files.write(out, bytes);

    CliRun run = CliRun.of("model", "golden-check", tmp.resolve("goldens").toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("hello_world_int8 case 0: ok"), run.out());
    assertTrue(run.out().contains("hello_world_int8 case 1: output 0 byte 0 is " + right + ", expected "
        + (byte) (right + 1) + " (INT8)"), run.out());
    assertTrue(run.out().contains("4 cases of 1 models on the java engine: 1 failed"), run.out());
  }

  @Test
  void goldenCheck_folderWithoutGoldens_isBadUsage() {
    CliRun run = CliRun.of("model", "golden-check", tmp.toString());
    assertEquals(2, run.exitCode());
    assertEquals("edgeinfer: " + tmp + ": no model folders with a meta.json", run.err().strip());
  }

  private static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  @Test
  void compare_fp32_allowsOneE5_absoluteBelowOneRelativeAbove() {
    assertNull(ModelGoldenCheckCommand.compare(floats(0.5f, 1000.005f), floats(0.500009f, 1000f), "FLOAT32"));
    assertEquals("element 0 is 0.5, expected 0.50002", 
        ModelGoldenCheckCommand.compare(floats(0.5f), floats(0.50002f), "FLOAT32"));
    assertEquals("element 1 is 1000.02, expected 1000.0",
        ModelGoldenCheckCommand.compare(floats(0f, 1000.02f), floats(0f, 1000f), "FLOAT32"));
    assertEquals("element 0 is NaN, expected 0.0", ModelGoldenCheckCommand.compare(floats(Float.NaN), floats(0f), "FLOAT32"));
  }

  @Test
  void compare_integers_byteForByte() {
    assertNull(ModelGoldenCheckCommand.compare(new byte[] {1, 2}, new byte[] {1, 2}, "INT16"));
    assertEquals("byte 1 is 3, expected 2 (INT16)", ModelGoldenCheckCommand.compare(new byte[] {1, 3}, new byte[] {1, 2}, "INT16"));
    assertEquals("has 1 bytes, expected 2", ModelGoldenCheckCommand.compare(new byte[] {1}, new byte[] {1, 2}, "INT8"));
  }
}
