package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.FloatOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InferCommandTest {
  @TempDir
  Path tmp;

  static Stream<Conformance.Case> cases() {
    return Conformance.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void infer_tfliteEngine_reproducesGoldenOutputsByteForByte(Conformance.Case c) throws Exception {
    CliRun run = infer(c, "tflite");
    assertEquals(0, run.exitCode(), run.err());
    for (int j = 0; j < c.outputs().size(); j++) {
      assertArrayEquals(Files.readAllBytes(c.outputs().get(j)), Files.readAllBytes(tmp.resolve("output" + j + ".bin")),
          c + " output " + j);
    }
  }

  /** The pure-Java engine: integer outputs byte for byte, FP32 within 1e-5 relative (1e-6 absolute near zero). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void infer_javaEngine_reproducesGoldenOutputs(Conformance.Case c) throws Exception {
    CliRun run = infer(c, "java");
    assertEquals(0, run.exitCode(), run.err());
    for (int j = 0; j < c.outputs().size(); j++) {
      byte[] expected = Files.readAllBytes(c.outputs().get(j));
      byte[] actual = Files.readAllBytes(tmp.resolve("output" + j + ".bin"));
      if (c.outputType(j).equals("FLOAT32")) {
        FloatOutputs.assertClose(c + " output " + j, expected, actual);
      } else {
        assertArrayEquals(expected, actual, c + " output " + j);
      }
    }
  }

  private CliRun infer(Conformance.Case c, String engine) {
    List<String> args = new ArrayList<>(List.of("infer", "--model", c.modelFile().toString(), "--engine", engine,
        "--output-dir", tmp.toString(), "--input"));
    c.inputs().forEach(p -> args.add(p.toString()));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void infer_repeat_printsLatencyLine() {
    Conformance.Case c = Conformance.cases().filter(k -> k.model().equals("hello_world_int8")).findFirst().orElseThrow();
    CliRun run = CliRun.of("infer", "--model", c.modelFile().toString(), "--engine", "tflite", "--input",
        c.inputs().get(0).toString(), "--output-dir", tmp.toString(), "--repeat", "50");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().matches("(?s)latency min [0-9.]+ ms, median [0-9.]+ ms, p99 [0-9.]+ ms\\R"), run.out());
  }

  @Test
  void infer_truncatedModel_exits2NamingTheFileWithoutStackTrace() throws Exception {
    byte[] whole = Files.readAllBytes(Conformance.model("micro_speech_quantized"));
    Path broken = tmp.resolve("broken.tflite");
    Files.write(broken, Arrays.copyOf(whole, whole.length / 3));
    Path input = tmp.resolve("in.bin");
    Files.write(input, new byte[1960]);
    CliRun run = CliRun.of("infer", "--model", broken.toString(), "--engine", "tflite", "--input", input.toString(),
        "--output-dir", tmp.resolve("out").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("edgeinfer: " + broken + ": not a valid .tflite model: "), run.err());
    assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
  }

  @Test
  void infer_garbageFile_exits2SayingItIsNotAModel() throws Exception {
    Path garbage = tmp.resolve("garbage.tflite");
    Files.writeString(garbage, "#!/bin/sh\necho this is not a model\n");
    CliRun run = CliRun.of("infer", "--model", garbage.toString(), "--input", garbage.toString(), "--output-dir",
        tmp.toString());
    assertEquals(2, run.exitCode());
    assertEquals("edgeinfer: " + garbage + ": not a valid .tflite model: not a TensorFlow Lite model: file identifier"
        + " is not \"TFL3\"", run.err().strip());
  }

  @Test
  void infer_wrongInputSize_exits2NamingTheInput() throws Exception {
    Path input = tmp.resolve("short.bin");
    Files.write(input, new byte[3]);
    CliRun run = CliRun.of("infer", "--model", Conformance.model("hello_world_float").toString(), "--engine", "tflite",
        "--input", input.toString(), "--output-dir", tmp.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--input " + input + ": 3 bytes, but input 0 ("), run.err());
    assertTrue(run.err().contains("takes 4"), run.err());
  }

  @Test
  void infer_missingModel_exits2() {
    CliRun run = CliRun.of("infer", "--model", tmp.resolve("nope.tflite").toString(), "--input", "x.bin",
        "--output-dir", tmp.toString());
    assertEquals(2, run.exitCode());
    assertEquals("edgeinfer: " + tmp.resolve("nope.tflite") + ": no such model file", run.err().strip());
  }
}
