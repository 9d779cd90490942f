package dev.edgeinfer.tflite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgeinfer.tflite.interp.Interpreter;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** SVDF in the interpreter: state kept in place between invocations, restored by a reset; refusals. */
class SvdfKernelTest {

  private static Interpreter load(String model) throws Exception {
    return Interpreter.load(ByteBuffer.wrap(Files.readAllBytes(Goldens.model(model))), BuiltinKernels.resolver());
  }

  /** Runs keyword_scrambled on an INT16 input; returns the first SVDF's output (tensor 5). */
  private static byte[] firstSvdf(Interpreter interpreter, short[] input) {
    ByteBuffer bytes = ByteBuffer.allocate(input.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bytes.asShortBuffer().put(input);
    Interpreter.write(interpreter.inputs().get(0), bytes); // activations share memory: write every time
    interpreter.invoke();
    Tensor out = interpreter.tensor(5);
    return Arrays.copyOfRange(out.int8(), out.offset(), out.offset() + out.size());
  }

  @Test
  void invoke_twice_carriesStateAndResetRestoresIt() throws Exception {
    Interpreter interpreter = load("keyword_scrambled");
    short[] input = new short[96];
    for (int i = 0; i < input.length; i++) {
      input[i] = (short) (i * 337 - 16000);
    }
    interpreter.resetVariables();
    byte[] first = firstSvdf(interpreter, input);
    Tensor state = interpreter.tensor(4);
    short[] afterFirst = Arrays.copyOfRange(state.int16(), state.offset(), state.offset() + state.size());
    byte[] second = firstSvdf(interpreter, input);
    short[] afterSecond = Arrays.copyOfRange(state.int16(), state.offset(), state.offset() + state.size());
    assertFalse(Arrays.equals(afterFirst, afterSecond), "the state must move on");
    // memory 8: after one step each filter holds its newest feature in column 7 only
    for (int f = 0; f < 64; f++) {
      for (int m = 0; m < 7; m++) {
        assertEquals(0, afterFirst[f * 8 + m], "filter " + f + " column " + m);
      }
      assertEquals(afterFirst[f * 8 + 7], afterSecond[f * 8 + 6], "the newest column shifts left, filter " + f);
    }
    interpreter.resetVariables();
    assertArrayEquals(first, firstSvdf(interpreter, input));
    assertFalse(Arrays.equals(first, second) && Arrays.equals(afterFirst, afterSecond));
  }

  @Test
  void load_int8TimeWeightsAndState_isRefusedWithTheReason() {
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> load("keyword_scrambled_8bit"));
    assertEquals("operator 1 (SVDF): the integer SVDF needs INT16 time weights and INT16 state (has INT8 and INT8);"
        + " TensorFlow Lite's kernel reads them as INT16 regardless", e.getMessage());
  }
}
