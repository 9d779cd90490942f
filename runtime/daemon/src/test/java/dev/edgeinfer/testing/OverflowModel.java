package dev.edgeinfer.testing;

import dev.edgeinfer.tflite.graph.Activation;
import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Quantization;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorType;
import dev.edgeinfer.tflite.write.TfliteWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test fixture for a model update's trial: an "INT8" model (INT8 input, like the demo's) that
 * passes any self-test on the all-zero input (it gives exactly 0) but overflows on real windows:
 * DEQUANTIZE, then a FULLY_CONNECTED layer whose weights are all 1e38, so any non-zero feature
 * makes the outputs infinite (or NaN where infinities of both signs meet). It loads and runs on
 * both engines: only running real data shows the fault, which is what a trial is for.
 */
public final class OverflowModel {
  private OverflowModel() {}

  public static Path write(Path file, int inputs, int outputs) throws Exception {
    ModelGraph.Builder b = ModelGraph.builder().description("test: overflows on any non-zero input");
    int in = b.addTensor(Tensor.activation("features", TensorType.INT8, new int[] {1, inputs},
        Quantization.perTensor(0.05f, 0)));
    int real = b.addTensor(Tensor.activation("dequantized", TensorType.FLOAT32, new int[] {1, inputs}, null));
    float[] w = new float[inputs * outputs];
    java.util.Arrays.fill(w, 1e38f);
    int weights = b.addTensor(Tensor.constantFloat("w", new int[] {outputs, inputs}, w));
    int bias = b.addTensor(Tensor.constantFloat("b", new int[] {outputs}, new float[outputs]));
    int out = b.addTensor(Tensor.activation("scores", TensorType.FLOAT32, new int[] {1, outputs}, null));
    b.addOperator(new Operator(BuiltinOperator.DEQUANTIZE, 1, new int[] {in}, new int[] {real},
        new OperatorOptions.Dequantize()));
    b.addOperator(new Operator(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {real, weights, bias}, new int[] {out},
        new OperatorOptions.FullyConnected(Activation.NONE)));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, new TfliteWriter().write(b.inputs(in).outputs(out).build()));
    return file;
  }
}
