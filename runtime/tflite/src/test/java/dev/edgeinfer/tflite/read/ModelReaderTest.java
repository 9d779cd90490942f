package dev.edgeinfer.tflite.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelReaderTest {
  static final Path MODELS = Path.of(System.getProperty("edgeinfer.repo", "../.."), "../shared/conformance/models")
      .normalize();

  static Stream<Path> conformanceModels() throws IOException {
    assertTrue(Files.isDirectory(MODELS), "the conformance set is missing: " + MODELS);
    try (Stream<Path> files = Files.list(MODELS)) {
      return files.filter(f -> f.toString().endsWith(".tflite")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("conformanceModels")
  void read_conformanceModel_acceptsIt(Path file) throws Exception {
    ModelDescription model = new ModelReader().read(file);
    assertEquals(3, model.schemaVersion());
    assertTrue(model.inputs().length > 0 && model.outputs().length > 0, file.toString());
    assertTrue(!model.operators().isEmpty());
  }

  @Test
  void read_helloWorldInt8_describesItsTensors() throws Exception {
    ModelDescription model = new ModelReader().read(MODELS.resolve("hello_world_int8.tflite"));
    TensorDescription input = model.inputTensors().get(0);
    assertEquals("INT8", input.typeName());
    assertArrayEquals(new int[] {1, 1}, input.shape());
    assertEquals(1, input.scales().length);
    assertEquals(List.of("FULLY_CONNECTED"), model.operatorNames());
  }

  @Test
  void read_personDetect_acceptsPerChannelMetadataOnOneDimensionalBias() throws Exception {
    ModelDescription model = new ModelReader().read(MODELS.resolve("person_detect.tflite"));
    assertTrue(model.tensors().stream().anyMatch(t -> t.shape().length == 1 && t.scales().length > 1
        && t.quantizedDimension() >= 1), "person_detect has per-channel 1-D tensors");
  }

  @Test
  void read_truncatedFile_namesWhatRunsPastTheEnd() throws Exception {
    byte[] whole = Files.readAllBytes(MODELS.resolve("micro_speech_quantized.tflite"));
    for (int length : new int[] {0, 7, 100, whole.length / 2, whole.length - 1}) {
      ByteBuffer truncated = ByteBuffer.wrap(Arrays.copyOf(whole, length));
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ModelReader().read(truncated));
      assertTrue(e.getMessage().contains("too short") || e.getMessage().contains("past the end")
          || e.getMessage().contains("beyond the end"), e.getMessage());
    }
  }

  @Test
  void read_wrongIdentifier_saysItIsNotAModel() {
    byte[] bytes = "this is not a model at all".getBytes();
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ModelReader().read(ByteBuffer.wrap(bytes)));
    assertEquals("not a TensorFlow Lite model: file identifier is not \"TFL3\"", e.getMessage());
  }

  @Test
  void read_tooManyTensorsForTheLimits_isRejected() {
    ModelLimits tight = new ModelLimits(1 << 20, 2, 100, 10, 100, 8, 100, 1 << 20);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> new ModelReader(tight).read(MODELS.resolve("micro_speech_quantized.tflite")));
    assertTrue(e.getMessage().startsWith("subgraph 0.tensors: ") && e.getMessage().endsWith("exceed the limit of 2"),
        e.getMessage());
  }

  /** Seeded random corruption: every outcome is a model or a typed error, never another exception. */
  @Test
  void read_randomlyCorruptedFiles_failOnlyWithModelFormatException() throws Exception {
    byte[] original = Files.readAllBytes(MODELS.resolve("micro_speech_quantized.tflite"));
    SplittableRandom random = new SplittableRandom(20261127);
    int rejected = 0;
    for (int trial = 0; trial < 3000; trial++) {
      byte[] mutated = original.clone();
      int flips = 1 + random.nextInt(8);
      for (int f = 0; f < flips; f++) {
        // Most structure lives in the first and last kilobytes (root table, vtables, vectors).
        int at = random.nextBoolean() ? random.nextInt(Math.min(2048, mutated.length))
            : mutated.length - 1 - random.nextInt(Math.min(2048, mutated.length));
        mutated[at] = (byte) random.nextInt(256);
      }
      try {
        new ModelReader().read(ByteBuffer.wrap(mutated));
      } catch (ModelFormatException expected) {
        rejected++;
      }
    }
    assertTrue(rejected > 100, "corruption should be detected often, was " + rejected);
  }
}
