package dev.edgeinfer.tflite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.edgeinfer.tflite.interp.Interpreter;
import dev.edgeinfer.tflite.interp.Tensor;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM in the interpreter: the FP32 LSTM of trained_lstm against a
 * double-precision LSTM written here from the definition, and the state of the integer LSTM
 * carried across invocations and restored by a reset.
 */
class UnidirectionalSequenceLstmKernelTest {

  private static Interpreter load(String model) throws Exception {
    return Interpreter.load(ByteBuffer.wrap(Files.readAllBytes(Goldens.model(model))), BuiltinKernels.resolver());
  }

  private static double[] floats(Interpreter it, int tensor) {
    Tensor t = it.tensor(tensor);
    double[] d = new double[t.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = t.float32()[t.offset() + i];
    }
    return d;
  }

  @Test
  void invoke_trainedLstmFloat_matchesADoublePrecisionLstm() throws Exception {
    Interpreter it = load("trained_lstm");
    Tensor input = it.inputs().get(0);
    Random random = new Random(7);
    for (int i = 0; i < input.size(); i++) {
      input.float32()[input.offset() + i] = random.nextFloat();
    }
    double[] x = floats(it, 0);
    it.resetVariables();
    it.invoke();
    // trained_lstm: weights W (input, forget, cell, output) = tensors 15..12, R = 7..4, b = 11..8;
    // 28 steps of 28 inputs, 20 cells, tanh, cell clip 10
    int[] wt = {15, 14, 13, 12};
    int[] rt = {7, 6, 5, 4};
    int[] bt = {11, 10, 9, 8};
    double[] h = new double[20];
    double[] c = new double[20];
    double[] out = floats(it, 18);
    for (int t = 0; t < 28; t++) {
      double[][] g = new double[4][20];
      for (int k = 0; k < 4; k++) {
        double[] w = floats(it, wt[k]);
        double[] r = floats(it, rt[k]);
        double[] b = floats(it, bt[k]);
        for (int j = 0; j < 20; j++) {
          double acc = b[j];
          for (int i = 0; i < 28; i++) {
            acc += w[j * 28 + i] * x[t * 28 + i];
          }
          for (int i = 0; i < 20; i++) {
            acc += r[j * 20 + i] * h[i];
          }
          g[k][j] = k == 2 ? Math.tanh(acc) : 1 / (1 + Math.exp(-acc));
        }
      }
      for (int j = 0; j < 20; j++) {
        c[j] = Math.max(-10, Math.min(10, g[1][j] * c[j] + g[0][j] * g[2][j]));
        h[j] = g[3][j] * Math.tanh(c[j]);
        assertEquals(h[j], out[t * 20 + j], 1e-5 + 1e-4 * Math.abs(h[j]), "step " + t + " cell " + j);
      }
    }
  }

  /** Activations share memory, so the input is written before every invocation. */
  private static void fill(Tensor input) {
    for (int i = 0; i < input.size(); i++) {
      input.int8()[input.offset() + i] = (byte) (i * 7);
    }
  }

  @Test
  void invoke_integerLstm_carriesStateAndResetRestoresIt() throws Exception {
    Interpreter it = load("trained_lstm_int8");
    Tensor input = it.inputs().get(0);
    Tensor out = it.tensor(23);
    Tensor cell = it.tensor(17);
    it.resetVariables();
    fill(input);
    it.invoke();
    byte[] first = Arrays.copyOfRange(out.int8(), out.offset(), out.offset() + out.size());
    short[] cellAfterFirst = Arrays.copyOfRange(cell.int16(), cell.offset(), cell.offset() + cell.size());
    fill(input);
    it.invoke();
    byte[] second = Arrays.copyOfRange(out.int8(), out.offset(), out.offset() + out.size());
    assertFalse(Arrays.equals(first, second), "the second sequence starts from the first one's state");
    it.resetVariables();
    fill(input);
    it.invoke();
    assertArrayEquals(first, Arrays.copyOfRange(out.int8(), out.offset(), out.offset() + out.size()));
    assertArrayEquals(cellAfterFirst, Arrays.copyOfRange(cell.int16(), cell.offset(), cell.offset() + cell.size()));
  }
}
