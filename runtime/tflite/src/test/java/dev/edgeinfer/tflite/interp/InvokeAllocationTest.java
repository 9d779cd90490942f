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
    int calls = 2_000;
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < calls; i++) {
      interpreter.invoke();
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    // The counter itself may cost a few bytes; one byte per invoke would already be 2,000.
    assertTrue(allocated < 1_000, model + ": " + allocated + " bytes allocated over " + calls + " invokes");
  }
}
