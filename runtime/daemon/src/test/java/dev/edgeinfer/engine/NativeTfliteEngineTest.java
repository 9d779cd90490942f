package dev.edgeinfer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.tflite.read.ModelReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NativeTfliteEngineTest {

  static Stream<Conformance.Case> cases() {
    return Conformance.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invoke_conformanceCase_reproducesGoldenBytes(Conformance.Case c) throws Exception {
    try (NativeTfliteEngine engine =
        new NativeTfliteEngine(c.modelFile(), new ModelReader().read(c.modelFile()), 1, false)) {
      engine.resetState();
      for (int i = 0; i < c.inputs().size(); i++) {
        engine.input(i).put(Files.readAllBytes(c.inputs().get(i)));
      }
      engine.invoke();
      for (int j = 0; j < c.outputs().size(); j++) {
        byte[] expected = Files.readAllBytes(c.outputs().get(j));
        ByteBuffer out = engine.output(j);
        assertEquals(expected.length, out.remaining());
        byte[] actual = new byte[out.remaining()];
        out.get(actual);
        assertArrayEquals(expected, actual, c + " output " + j);
      }
    }
  }
}
