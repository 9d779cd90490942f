package dev.edgeinfer.tflite.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.kernels.Goldens;
import dev.edgeinfer.tflite.read.TensorTypes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The interpreter's own duties: resolving, planning, loading constants, running ops in order. */
class InterpreterTest {

  private static ByteBuffer file(String model) throws Exception {
    return ByteBuffer.wrap(Files.readAllBytes(Goldens.model(model)));
  }

  /** A float FULLY_CONNECTED written here from the definition, to exercise the framework alone. */
  private static final Kernel PLAIN_FLOAT_FC = node -> {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32);
    Tensor w = node.requireInput(1, TensorTypes.FLOAT32);
    Tensor b = node.input(2);
    Tensor out = node.requireOutput(0, TensorTypes.FLOAT32);
    boolean relu = node.byteOption(0, (byte) 0) == 1;
    int units = w.dim(0);
    int depth = w.dim(1);
    return () -> {
      float[] x = in.float32();
      float[] y = out.float32();
      for (int u = 0; u < units; u++) {
        float acc = b == null ? 0f : b.float32()[b.offset() + u];
        for (int k = 0; k < depth; k++) {
          acc += x[in.offset() + k] * w.float32()[w.offset() + u * depth + k];
        }
        y[out.offset() + u] = relu ? Math.max(0f, acc) : acc;
      }
    };
  };

  @Test
  void load_unknownOperator_failsAtLoadNamingIt() {
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
        () -> Interpreter.load(file("hello_world_float"), new OpResolver()));
    assertEquals("operator 0 (FULLY_CONNECTED): not supported by the pure-Java engine", e.getMessage());
  }

  @Test
  void invoke_helloWorldFloat_withAPlainKernel_matchesTensorFlowLite() throws Exception {
    Interpreter interpreter = Interpreter.load(file("hello_world_float"),
        new OpResolver().register("FULLY_CONNECTED", PLAIN_FLOAT_FC));
    Goldens.Case c = Goldens.cases().filter(k -> k.model().equals("hello_world_float")).findFirst().orElseThrow();
    Interpreter.write(interpreter.inputs().get(0), ByteBuffer.wrap(Files.readAllBytes(c.inputs().get(0))));
    interpreter.invoke();
    float expected = ByteBuffer.wrap(Files.readAllBytes(c.outputs().get(0))).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    float actual = interpreter.outputs().get(0).float32()[interpreter.outputs().get(0).offset()];
    assertEquals(expected, actual, Math.max(1e-6f, Math.abs(expected) * 1e-5f));
  }

  @Test
  void plan_helloWorld_reusesMemoryBetweenLayers() throws Exception {
    Interpreter interpreter = Interpreter.load(file("hello_world_float"),
        new OpResolver().register("FULLY_CONNECTED", PLAIN_FLOAT_FC));
    // input 1 + two 16-wide activations + output 1: the input dies after layer 1, so at most
    // 16 + 16 + 1 floats are ever alive at once.
    assertTrue(interpreter.arenaBytes() <= (16 + 16 + 1) * 4, "arena " + interpreter.arenaBytes());
    assertTrue(interpreter.arenaBytes() >= (16 + 16) * 4, "arena " + interpreter.arenaBytes());
  }
}
