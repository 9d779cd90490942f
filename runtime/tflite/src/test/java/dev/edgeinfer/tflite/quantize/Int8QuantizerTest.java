package dev.edgeinfer.tflite.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.graph.Activation;
import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Quantization;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorData;
import dev.edgeinfer.tflite.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8QuantizerTest {

  private static final int IN = 12;
  private static final int OUT = 6;

  /** FC(IN -> OUT, fused activation) then SOFTMAX, random weights with rows of very different size. */
  private static ModelGraph fcSoftmax(Random random, Activation activation) {
    float[] w = new float[OUT * IN];
    for (int o = 0; o < OUT; o++) {
      double rowScale = 0.05 * (o + 1) * (o + 1); // per-channel scales must differ to matter
      for (int i = 0; i < IN; i++) {
        w[o * IN + i] = (float) (rowScale * random.nextGaussian());
      }
    }
    float[] b = new float[OUT];
    for (int o = 0; o < OUT; o++) {
      b[o] = (float) (0.3 * random.nextGaussian());
    }
    ModelGraph.Builder g = ModelGraph.builder();
    int in = g.addTensor(Tensor.activation("in", TensorType.FLOAT32, new int[] {1, IN}, null));
    int wt = g.addTensor(Tensor.constantFloat("w", new int[] {OUT, IN}, w));
    int bt = g.addTensor(Tensor.constantFloat("b", new int[] {OUT}, b));
    int h = g.addTensor(Tensor.activation("h", TensorType.FLOAT32, new int[] {1, OUT}, null));
    int s = g.addTensor(Tensor.activation("s", TensorType.FLOAT32, new int[] {1, OUT}, null));
    g.addOperator(new Operator(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {in, wt, bt}, new int[] {h},
        new OperatorOptions.FullyConnected(activation)));
    g.addOperator(new Operator(BuiltinOperator.SOFTMAX, 1, new int[] {h}, new int[] {s}, new OperatorOptions.Softmax(1f)));
    return g.inputs(in).outputs(s).build();
  }

  private static List<float[]> inputs(Random random, int n) {
    List<float[]> list = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      float[] x = new float[IN];
      for (int i = 0; i < IN; i++) {
        x[i] = (float) (1.5 * random.nextGaussian() + 0.5);
      }
      list.add(x);
    }
    return list;
  }

  @Test
  void quantize_fullyConnected_dequantizedIntegerResultIsWithinScaleTolerance() {
    Random random = new Random(11);
    ModelGraph fp32 = fcSoftmax(random, Activation.NONE);
    List<float[]> calibration = inputs(random, 200);
    ModelGraph int8 = new Int8Quantizer().quantize(fp32, calibration);
    FloatEvaluator reference = new FloatEvaluator(fp32);

    Quantization qIn = int8.tensor(0).quantization().orElseThrow();
    Tensor w = int8.tensor(1);
    Tensor b = int8.tensor(2);
    Quantization qW = w.quantization().orElseThrow();
    Quantization qOut = int8.tensor(3).quantization().orElseThrow();
    byte[] wq = w.data().orElseThrow();
    int[] bq = TensorData.toInts(b.data().orElseThrow());
    float[] wf = fp32.tensor(1).floatData();

    for (float[] x : inputs(new Random(12), 50)) {
      float[] expected = reference.run(x)[3];
      byte[] xq = new byte[IN];
      for (int i = 0; i < IN; i++) {
        xq[i] = QuantMath.quantize(x[i], qIn.scale(0), qIn.zeroPoint(0));
      }
      for (int o = 0; o < OUT; o++) {
        // What an int8 kernel computes: int32 accumulation, then one rescale to the output.
        long acc = bq[o];
        double sumAbsW = 0;
        for (int i = 0; i < IN; i++) {
          acc += (long) (xq[i] - qIn.zeroPoint(0)) * wq[o * IN + i];
          sumAbsW += Math.abs(wf[o * IN + i]);
        }
        double real = acc * (double) qIn.scale(0) * qW.scale(o);
        byte outQ = QuantMath.quantize((float) real, qOut.scale(0), qOut.zeroPoint(0));
        float got = QuantMath.dequantize(outQ, qOut.scale(0), qOut.zeroPoint(0));
        double sumAbsX = 0;
        for (float v : x) {
          sumAbsX += Math.abs(v);
        }
        // Input rounding, weight rounding, bias rounding, output rounding: half a step each.
        double tolerance = 0.5 * qIn.scale(0) * sumAbsW + 0.5 * qW.scale(o) * sumAbsX
            + 0.5 * b.quantization().orElseThrow().scale(o) + 0.5 * qOut.scale(0) + 1e-6;
        assertEquals(expected[o], got, tolerance, "output " + o);
      }
    }
  }

  @Test
  void quantize_weightsAndBias_followThePerChannelRules() {
    ModelGraph int8 = new Int8Quantizer().quantize(fcSoftmax(new Random(3), Activation.RELU), inputs(new Random(4), 100));
    Quantization in = int8.tensor(0).quantization().orElseThrow();
    Tensor w = int8.tensor(1);
    Quantization qW = w.quantization().orElseThrow();
    assertEquals(TensorType.INT8, w.type());
    assertEquals(OUT, qW.scales().length);
    assertEquals(0, qW.quantizedDimension());
    byte[] wq = w.data().orElseThrow();
    for (int o = 0; o < OUT; o++) {
      assertEquals(0, qW.zeroPoint(o));
      int maxAbs = 0;
      for (int i = 0; i < IN; i++) {
        assertTrue(wq[o * IN + i] >= -127);
        maxAbs = Math.max(maxAbs, Math.abs(wq[o * IN + i]));
      }
      assertEquals(127, maxAbs, "each channel uses its full range");
    }
    assertTrue(qW.scale(OUT - 1) > 10 * qW.scale(0), "rows of different size get different scales");

    Tensor b = int8.tensor(2);
    Quantization qB = b.quantization().orElseThrow();
    assertEquals(TensorType.INT32, b.type());
    for (int o = 0; o < OUT; o++) {
      assertEquals((float) ((double) in.scale(0) * qW.scale(o)), qB.scale(o), 0f);
      assertEquals(0, qB.zeroPoint(o));
    }
    Quantization relu = int8.tensor(3).quantization().orElseThrow();
    assertEquals(-128, relu.zeroPoint(0), "a RELU output starts at 0, the lowest code");
  }

  @Test
  void quantize_softmaxAndInterface_areInt8WithTheKernelsFixedOutputParameters() {
    ModelGraph int8 = new Int8Quantizer().quantize(fcSoftmax(new Random(5), Activation.NONE), inputs(new Random(6), 100));
    Tensor scores = int8.tensor(int8.outputs()[0]);
    assertEquals(TensorType.INT8, scores.type());
    assertEquals(Quantization.perTensor(1f / 256, -128), scores.quantization().orElseThrow());
    Tensor input = int8.tensor(int8.inputs()[0]);
    assertEquals(TensorType.INT8, input.type());
    assertFalse(input.quantization().orElseThrow().isPerChannel());
    assertEquals(4, int8.operators().get(0).version());
    assertEquals(2, int8.operators().get(1).version());
    for (Tensor t : int8.tensors()) {
      assertTrue(t.type() == TensorType.INT8 || t.type() == TensorType.INT32, t.name() + " is " + t.type());
    }
  }

  @Test
  void quantize_sameInputs_giveTheSameGraphTwice() {
    ModelGraph fp32 = fcSoftmax(new Random(8), Activation.RELU);
    ModelGraph a = new Int8Quantizer().quantize(fp32, inputs(new Random(9), 50));
    ModelGraph b = new Int8Quantizer().quantize(fp32, inputs(new Random(9), 50));
    assertEquals(new dev.edgeinfer.tflite.write.TfliteWriter().write(a).length,
        new dev.edgeinfer.tflite.write.TfliteWriter().write(b).length);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new dev.edgeinfer.tflite.write.TfliteWriter().write(a), new dev.edgeinfer.tflite.write.TfliteWriter().write(b));
  }

  @Test
  void quantize_withoutCalibration_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new Int8Quantizer().quantize(fcSoftmax(new Random(1), Activation.NONE), List.of()));
  }
}
