package dev.edgeinfer.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.testing.Conformance;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine path the daemon takes (staged inputs in, invoke, staged outputs out) allocates nothing per call. */
class JavaEngineAllocationTest {

  @ParameterizedTest
  @ValueSource(strings = {"vibration_int8.tflite", "vibration_fp32.tflite"})
  void invoke_throughTheEngine_allocatesNothing(String file) throws Exception {
    Path model = Conformance.repo().resolve("device-config/models").resolve(file);
    try (InferenceEngine engine = Engines.open(model, new Engines.Options(EngineKind.JAVA, 1, false))) {
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long thread = Thread.currentThread().getId();
      for (int i = 0; i < 20_000; i++) {
        engine.invoke();
      }
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 5_000; i++) {
        engine.input(0);
        engine.invoke();
        engine.output(0);
      }
      long allocated = threads.getThreadAllocatedBytes(thread) - before;
      assertTrue(allocated < 1_000, file + ": " + allocated + " bytes over 5,000 invokes");
    }
  }
}
