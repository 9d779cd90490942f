package dev.edgeinfer.tflite.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.kernels.BuiltinKernels;
import dev.edgeinfer.tflite.kernels.Goldens;
import dev.edgeinfer.tflite.read.TensorDescription;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memory planner's arena on the reference models: never more than the activations need
 * without reuse, never less than the largest one, and pinned so that a change that makes it grow
 * fails here and has to be looked at (as TensorFlow Lite Micro pins its arenas).
 */
class ArenaSizeTest {
  /** Activation arena bytes as planned when this test was written; lower is welcome, higher is a regression. */
  private static final Map<String, Long> PINNED = Map.of(
      "dtln_noise_suppression", 514L,
      "hello_world_float", 128L,
      "hello_world_int8", 32L,
      "keyword_scrambled", 360L,
      "micro_speech_lstm", 16_513L,
      "micro_speech_quantized", 5_960L,
      "mobilenet_v2_quantized_1x3x224x224", 2_451_840L,
      "person_detect", 55_296L,
      "simple_add_model", 49_152L,
      "trained_lstm", 5_376L);

  static java.util.stream.Stream<String> models() {
    return PINNED.keySet().stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void plan_referenceModel_reusesMemoryWithinBounds(String model) throws Exception {
    Interpreter interpreter = Interpreter.load(ByteBuffer.wrap(Files.readAllBytes(Goldens.model(model))),
        BuiltinKernels.resolver());
    long largest = 0;
    long total = 0;
    for (TensorDescription t : interpreter.model().tensors()) {
      Tensor tensor = interpreter.tensor(t.index());
      if (!tensor.isConstant() && !tensor.isVariable()) {
        largest = Math.max(largest, tensor.byteSize());
        total += tensor.byteSize();
      }
    }
    long arena = interpreter.arenaBytes();
    assertTrue(arena >= largest, model + ": arena " + arena + " smaller than its largest activation " + largest);
    assertTrue(arena <= total, model + ": arena " + arena + " larger than all activations together " + total);
    assertTrue(arena <= PINNED.get(model), model + ": arena grew from " + PINNED.get(model) + " to " + arena);
    assertEquals(PINNED.get(model), arena, model + ": arena shrank; lower the pin to " + arena);
  }
}
