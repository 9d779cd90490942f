package dev.edgeinfer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.FloatOutputs;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.pipeline.FeatureExtractor;
import dev.edgeinfer.sensor.MachineState;
import dev.edgeinfer.sensor.VibrationGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo model pair on both engines, fed the same seeded inputs: INT8 byte for byte, FP32 within 1e-5. */
class JavaEngineDemoModelsTest {
  private static final int WINDOW = 128;
  private final VibrationGenerator generator = new VibrationGenerator(7, 400, List.of(MachineState.values()), 800);
  private final FeatureExtractor features = new FeatureExtractor(new PreprocessingConfig(
      PreprocessingConfig.Normalize.REMOVE_MEAN, PreprocessingConfig.Features.BAND_ENERGIES, 8, true), WINDOW, 3);
  private final float[][] window = new float[WINDOW][3];

  private float[] nextFeatures() {
    for (float[] sample : window) {
      generator.next(sample);
    }
    float[] out = new float[features.featureCount()];
    features.extract(window, out);
    return out;
  }

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
          // Real features, as the pipeline makes them: FP32 engines agree within 1e-5 on the values
          // a model meets, not on arbitrary extremes where summation order decides the last digits.
          ByteBuffer b = ByteBuffer.wrap(input).order(java.nio.ByteOrder.LITTLE_ENDIAN);
          for (float f : nextFeatures()) {
            b.putFloat(f);
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
