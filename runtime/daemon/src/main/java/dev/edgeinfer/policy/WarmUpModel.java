package dev.edgeinfer.policy;

import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.tflite.graph.Activation;
import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorType;
import dev.edgeinfer.tflite.write.TfliteWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-operator model (1x1 FULLY_CONNECTED) loaded once before measuring, so that the native
 * library's loading and one-time set-up (10 MB and half a second on first use) are charged to
 * neither variant, while the memory it frees is too small to be reused by the measured loads and
 * make them look free. Written by our own writer to a temp file, deleted after use.
 */
final class WarmUpModel {
  private WarmUpModel() {}

  static void load(Engines.Options options) throws ModelLoadException {
    Path file;
    try {
      file = Files.createTempFile("edgeinfer-warmup", ".tflite");
      Files.write(file, new TfliteWriter().write(graph()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the warm-up model to the temp folder", e);
    }
    try (InferenceEngine e = Engines.open(file, options)) {
      e.invoke();
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }

  private static ModelGraph graph() {
    ModelGraph.Builder b = ModelGraph.builder().description("edgeinfer warm-up");
    int in = b.addTensor(Tensor.activation("in", TensorType.FLOAT32, new int[] {1, 1}, null));
    int w = b.addTensor(Tensor.constantFloat("w", new int[] {1, 1}, new float[] {1f}));
    int bias = b.addTensor(Tensor.constantFloat("b", new int[] {1}, new float[] {0f}));
    int out = b.addTensor(Tensor.activation("out", TensorType.FLOAT32, new int[] {1, 1}, null));
    b.addOperator(new Operator(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {in, w, bias}, new int[] {out},
        new OperatorOptions.FullyConnected(Activation.NONE)));
    return b.inputs(in).outputs(out).build();
  }
}
