package dev.edgeinfer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.FloatOutputs;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo model pair on both engines, fed the same seeded inputs: INT8 byte for byte, FP32 within 1e-5. */
class JavaEngineDemoModelsTest {

  @ParameterizedTest
  @ValueSource(strings = {"vibration_int8.tflite", "vibration_fp32.tflite"})
  void demoModel_javaEngine_matchesNativeTensorFlowLite(String file) throws Exception {
    Path model = Conformance.repo().resolve("device-config/models").resolve(file);
    SplittableRandom random = new SplittableRandom(42);
    try (InferenceEngine nativeEngine = Engines.open(model, new Engines.Options(EngineKind.TFLITE, 1, false));
        InferenceEngine javaEngine = Engines.open(model, new Engines.Options(EngineKind.JAVA, 1, false))) {
      assertEquals("java", javaEngine.kind());
      assertEquals(nativeEngine.inputs(), javaEngine.inputs());
      assertEquals(nativeEngine.outputs(), javaEngine.outputs());
      byte[] input = new byte[nativeEngine.inputs().get(0).byteSize()];
      for (int trial = 0; trial < 200; trial++) {
        if (file.contains("int8")) {
          random.nextBytes(input);
        } else {
          ByteBuffer b = ByteBuffer.wrap(input).order(java.nio.ByteOrder.LITTLE_ENDIAN);
          while (b.hasRemaining()) {
            b.putFloat((float) (random.nextDouble() * 30 - 20)); // log band energies span about -20..10
          }
        }
        nativeEngine.input(0).put(input);
        javaEngine.input(0).put(input);
        nativeEngine.invoke();
        javaEngine.invoke();
        byte[] expected = new byte[nativeEngine.output(0).remaining()];
        nativeEngine.output(0).get(expected);
        byte[] actual = new byte[javaEngine.output(0).remaining()];
        javaEngine.output(0).get(actual);
        if (file.contains("int8")) {
          assertArrayEquals(expected, actual, file + " trial " + trial);
        } else {
          FloatOutputs.assertClose(file + " trial " + trial, expected, actual);
        }
      }
    }
  }
}
