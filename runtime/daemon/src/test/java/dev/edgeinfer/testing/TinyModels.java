package dev.edgeinfer.testing;

import dev.edgeinfer.tflite.graph.Activation;
import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorType;
import dev.edgeinfer.tflite.write.TfliteWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small FP32 models written by our own writer, for tests that need a model of a given shape. */
public final class TinyModels {
  private TinyModels() {}

  /** One FULLY_CONNECTED layer, {@code inputs} → {@code outputs}, weights all 0.1. */
  public static Path dense(Path file, int inputs, int outputs) throws Exception {
    ModelGraph.Builder b = ModelGraph.builder().description("test dense " + inputs + "x" + outputs);
    int in = b.addTensor(Tensor.activation("in", TensorType.FLOAT32, new int[] {1, inputs}, null));
    float[] w = new float[inputs * outputs];
    java.util.Arrays.fill(w, 0.1f);
    int weights = b.addTensor(Tensor.constantFloat("w", new int[] {outputs, inputs}, w));
    int bias = b.addTensor(Tensor.constantFloat("b", new int[] {outputs}, new float[outputs]));
    int out = b.addTensor(Tensor.activation("out", TensorType.FLOAT32, new int[] {1, outputs}, null));
    b.addOperator(new Operator(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {in, weights, bias}, new int[] {out},
        new OperatorOptions.FullyConnected(Activation.NONE)));
    Files.write(file, new TfliteWriter().write(b.inputs(in).outputs(out).build()));
    return file;
  }
}
