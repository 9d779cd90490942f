package dev.edgeinfer.demo;

import java.util.Random;

/**
 * Mini-batch training of a {@link DenseNet} with cross-entropy loss and Adam
 * (Kingma and Ba, 2015), for a fixed number of epochs, shuffling with a seeded Random.
 * Inputs are expected standardized already.
 */
final class AdamTrainer {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final double learningRate;
  private final int batchSize;
  private final int epochs;

  AdamTrainer(double learningRate, int batchSize, int epochs) {
    this.learningRate = learningRate;
    this.batchSize = batchSize;
    this.epochs = epochs;
  }

  void train(DenseNet net, double[][] inputs, int[] labels, Random random) {
    int layers = net.layers();
    double[][] gw = zerosLike(net.weights);
    double[][] gb = zerosLike(net.biases);
    double[][] mw = zerosLike(net.weights);
    double[][] vw = zerosLike(net.weights);
    double[][] mb = zerosLike(net.biases);
    double[][] vb = zerosLike(net.biases);
    double[][] acts = net.newActivations();
    double[][] deltas = net.newActivations();
    int[] order = new int[inputs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    long step = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      for (int start = 0; start < order.length; start += batchSize) {
        int end = Math.min(order.length, start + batchSize);
        clear(gw);
        clear(gb);
        for (int n = start; n < end; n++) {
          int sample = order[n];
          System.arraycopy(inputs[sample], 0, acts[0], 0, inputs[sample].length);
          net.forward(acts);
          // Softmax with cross-entropy: the output delta is p - onehot.
          double[] top = deltas[layers];
          System.arraycopy(acts[layers], 0, top, 0, top.length);
          top[labels[sample]] -= 1;
          for (int l = layers - 1; l >= 0; l--) {
            int ins = net.sizes[l];
            double[] d = deltas[l + 1];
            double[] below = deltas[l];
            java.util.Arrays.fill(below, 0);
            for (int o = 0; o < d.length; o++) {
              gb[l][o] += d[o];
              for (int i = 0; i < ins; i++) {
                gw[l][o * ins + i] += d[o] * acts[l][i];
                below[i] += net.weights[l][o * ins + i] * d[o];
              }
            }
            if (l > 0) {
              for (int i = 0; i < ins; i++) {
                if (acts[l][i] <= 0) {
                  below[i] = 0; // ReLU passes no gradient where it was off
                }
              }
            }
          }
        }
        step++;
        double scale = 1.0 / (end - start);
        double correction1 = 1 - StrictMath.pow(BETA1, step);
        double correction2 = 1 - StrictMath.pow(BETA2, step);
        for (int l = 0; l < layers; l++) {
          adam(net.weights[l], gw[l], mw[l], vw[l], scale, correction1, correction2);
          adam(net.biases[l], gb[l], mb[l], vb[l], scale, correction1, correction2);
        }
      }
    }
  }

  private void adam(double[] p, double[] g, double[] m, double[] v, double scale, double c1, double c2) {
    for (int i = 0; i < p.length; i++) {
      double grad = g[i] * scale;
      m[i] = BETA1 * m[i] + (1 - BETA1) * grad;
      v[i] = BETA2 * v[i] + (1 - BETA2) * grad * grad;
      p[i] -= learningRate * (m[i] / c1) / (StrictMath.sqrt(v[i] / c2) + EPSILON);
    }
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static double[][] zerosLike(double[][] a) {
    double[][] z = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      z[i] = new double[a[i].length];
    }
    return z;
  }

  private static void clear(double[][] a) {
    for (double[] row : a) {
      java.util.Arrays.fill(row, 0);
    }
  }
}
