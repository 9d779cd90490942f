package dev.edgeinfer.tflite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.edgeinfer.tflite.interp.Interpreter;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.read.TensorTypes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pure-Java engine against TensorFlow Lite 2.19's own outputs on every conformance model:
 * INT8/INT16/INT32 outputs byte for byte, FP32 within 1e-5 relative (1e-6 absolute near zero).
 * Every case starts from the model's initial state.
 */
class GoldenConformanceTest {

  static Stream<Goldens.Case> cases() {
    return Goldens.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invoke_goldenCase_matchesTensorFlowLite(Goldens.Case c) throws Exception {
    Interpreter interpreter = Interpreter.load(ByteBuffer.wrap(Files.readAllBytes(c.modelFile())),
        BuiltinKernels.resolver());
    interpreter.resetVariables();
    assertEquals(c.inputs().size(), interpreter.inputs().size());
    for (int i = 0; i < c.inputs().size(); i++) {
      Interpreter.write(interpreter.inputs().get(i), ByteBuffer.wrap(Files.readAllBytes(c.inputs().get(i))));
    }
    interpreter.invoke();
    for (int j = 0; j < c.outputs().size(); j++) {
      Tensor out = interpreter.outputs().get(j);
      byte[] expected = Files.readAllBytes(c.outputs().get(j));
      ByteBuffer actual = ByteBuffer.allocate(out.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
      Interpreter.read(out, actual);
      if (out.type() == TensorTypes.FLOAT32) {
        assertClose(c + " output " + j, expected, actual.array());
      } else {
        assertArrayEquals(expected, actual.array(), c + " output " + j + " (" + out + ")");
      }
    }
  }

  static void assertClose(String what, byte[] expected, byte[] actual) {
    assertEquals(expected.length, actual.length, what + ": size");
    var e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    var a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int i = 0; i < e.limit(); i++) {
      float x = e.get(i);
      float y = a.get(i);
      float tolerance = Math.max(1e-6f, 1e-5f * Math.abs(x));
      if (!(Math.abs(x - y) <= tolerance)) {
        fail(what + ": element " + i + " is " + y + ", TensorFlow Lite gives " + x);
      }
    }
  }
}
