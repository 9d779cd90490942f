package dev.edgeinfer.demo;

import dev.edgeinfer.tflite.graph.Activation;
import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorType;

/**
 * A trained {@link DenseNet} as an FP32 TFLite graph: FULLY_CONNECTED (+RELU) per hidden layer,
 * a plain FULLY_CONNECTED to logits, then SOFTMAX. Input "features" [1, n], output "scores".
 */
final class GraphExport {

  private GraphExport() {}

  static ModelGraph toGraph(DenseNet net, String description) {
    ModelGraph.Builder b = ModelGraph.builder().description(description);
    int current = b.addTensor(Tensor.activation("features", TensorType.FLOAT32, new int[] {1, net.sizes[0]}, null));
    int input = current;
    for (int l = 0; l < net.layers(); l++) {
      int outs = net.sizes[l + 1];
      String prefix = l == net.layers() - 1 ? "logits" : "dense" + (l + 1);
      int w = b.addTensor(Tensor.constantFloat(prefix + "/weights", new int[] {outs, net.sizes[l]}, toFloats(net.weights[l])));
      int bias = b.addTensor(Tensor.constantFloat(prefix + "/bias", new int[] {outs}, toFloats(net.biases[l])));
      int out = b.addTensor(Tensor.activation(prefix, TensorType.FLOAT32, new int[] {1, outs}, null));
      Activation act = l == net.layers() - 1 ? Activation.NONE : Activation.RELU;
      b.addOperator(new Operator(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {current, w, bias}, new int[] {out},
          new OperatorOptions.FullyConnected(act)));
      current = out;
    }
    int scores = b.addTensor(Tensor.activation("scores", TensorType.FLOAT32,
        new int[] {1, net.sizes[net.sizes.length - 1]}, null));
    b.addOperator(new Operator(BuiltinOperator.SOFTMAX, 1, new int[] {current}, new int[] {scores},
        new OperatorOptions.Softmax(1f)));
    return b.inputs(input).outputs(scores).build();
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
