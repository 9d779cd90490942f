package dev.edgeinfer.demo;

import java.util.Random;

/**
 * A small multilayer perceptron in double precision: ReLU between layers, softmax at the end.
 * Weights are row-major [outputs][inputs] per layer, the layout TFLite's FULLY_CONNECTED uses.
 * Only StrictMath and plain IEEE arithmetic, so training gives the same bits on every JVM.
 */
final class DenseNet {

  final int[] sizes;
  final double[][] weights;
  final double[][] biases;

  private DenseNet(int[] sizes) {
    this.sizes = sizes.clone();
    weights = new double[sizes.length - 1][];
    biases = new double[sizes.length - 1][];
    for (int l = 0; l < weights.length; l++) {
      weights[l] = new double[sizes[l + 1] * sizes[l]];
      biases[l] = new double[sizes[l + 1]];
    }
  }

  /** He-initialized weights (suited to ReLU), zero biases. */
  static DenseNet init(int[] sizes, Random random) {
    DenseNet net = new DenseNet(sizes);
    for (int l = 0; l < net.weights.length; l++) {
      double std = StrictMath.sqrt(2.0 / sizes[l]);
      for (int i = 0; i < net.weights[l].length; i++) {
        net.weights[l][i] = std * random.nextGaussian();
      }
    }
    return net;
  }

  int layers() {
    return weights.length;
  }

  /**
   * Forward pass; {@code acts[0]} must hold the input, and {@code acts[l+1]} receives layer l's
   * output (the last one softmax probabilities).
   */
  void forward(double[][] acts) {
    for (int l = 0; l < layers(); l++) {
      double[] in = acts[l];
      double[] out = acts[l + 1];
      int ins = sizes[l];
      for (int o = 0; o < sizes[l + 1]; o++) {
        double acc = biases[l][o];
        for (int i = 0; i < ins; i++) {
          acc += weights[l][o * ins + i] * in[i];
        }
        out[o] = l < layers() - 1 ? Math.max(0, acc) : acc;
      }
    }
    softmax(acts[layers()]);
  }

  static void softmax(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = StrictMath.exp(v[i] - max);
      sum += v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= sum;
    }
  }

  double[][] newActivations() {
    double[][] acts = new double[sizes.length][];
    for (int l = 0; l < sizes.length; l++) {
      acts[l] = new double[sizes[l]];
    }
    return acts;
  }
}
