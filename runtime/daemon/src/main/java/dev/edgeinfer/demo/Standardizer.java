package dev.edgeinfer.demo;

/**
 * Per-feature mean and standard deviation of a training set. Training sees standardized inputs;
 * the exported model folds this into its first layer, so the daemon feeds raw features.
 */
final class Standardizer {

  final double[] mean;
  final double[] std;

  private Standardizer(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  static Standardizer fit(float[][] features) {
    int n = features[0].length;
    double[] mean = new double[n];
    double[] std = new double[n];
    for (float[] f : features) {
      for (int i = 0; i < n; i++) {
        mean[i] += f[i];
      }
    }
    for (int i = 0; i < n; i++) {
      mean[i] /= features.length;
    }
    for (float[] f : features) {
      for (int i = 0; i < n; i++) {
        double d = f[i] - mean[i];
        std[i] += d * d;
      }
    }
    for (int i = 0; i < n; i++) {
      std[i] = Math.max(1e-6, StrictMath.sqrt(std[i] / features.length));
    }
    return new Standardizer(mean, std);
  }

  double[] apply(float[] f) {
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = (f[i] - mean[i]) / std[i];
    }
    return out;
  }

  /**
   * W x' + b with x' = (x - mean) / std equals (W / std) x + (b - W (mean / std)): the first
   * layer's weights and bias as they act on raw features.
   */
  void foldInto(DenseNet net) {
    int ins = net.sizes[0];
    double[] w = net.weights[0];
    double[] b = net.biases[0];
    for (int o = 0; o < net.sizes[1]; o++) {
      for (int i = 0; i < ins; i++) {
        w[o * ins + i] /= std[i];
        b[o] -= w[o * ins + i] * mean[i];
      }
    }
  }
}
