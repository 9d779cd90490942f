package dev.edgeinfer.tflite.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.kernels.BuiltinKernels;
import dev.edgeinfer.tflite.kernels.Goldens;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An invoke allocates nothing: measured with the JVM's per-thread allocation counter over many calls. */
class InvokeAllocationTest {

  static Stream<String> models() {
    return Goldens.cases().map(Goldens.Case::model).distinct()
        .filter(m -> !m.startsWith("mobilenet")); // large: its invokes take long, and it adds nothing new here
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void invoke_manyTimes_allocatesNothing(String model) throws Exception {
    Interpreter interpreter = Interpreter.load(ByteBuffer.wrap(Files.readAllBytes(Goldens.model(model))),
        BuiltinKernels.resolver());
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 2_000; i++) { // let the JIT compile the kernels first
      interpreter.invoke();
    }
    // Several windows: code that allocates per invoke shows in every one (one object a call is
    // 16+ bytes x 2,000); a one-off JVM event (a deoptimization rematerializing an object the JIT
    // had scalar-replaced) shows in one window only, so the quietest window is the measure.
    int calls = 2_000;
    long quietest = Long.MAX_VALUE;
    for (int window = 0; window < 5; window++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < calls; i++) {
        interpreter.invoke();
      }
      quietest = Math.min(quietest, threads.getThreadAllocatedBytes(thread) - before);
    }
    // The counter itself may cost a few bytes; one byte per invoke would already be 2,000.
    assertTrue(quietest < 1_000, model + ": " + quietest + " bytes allocated over " + calls + " invokes");
  }
}
