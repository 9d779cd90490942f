package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.Broadcast;

/**
 * The two inputs and the output of ADD, SUB and MUL, checked once: same type, shapes that
 * broadcast to the output's. {@link #map1}/{@link #map2} give, per output element, the element of
 * each input it reads; both are null when no broadcasting is needed (the fast elementwise loop).
 */
final class BinaryOperands {
  final Tensor in1;
  final Tensor in2;
  final Tensor out;
  final int[] map1;
  final int[] map2;
  final int size;

  BinaryOperands(Node node, int... types) throws UnsupportedModelException {
    in1 = node.requireInput(0, types);
    in2 = node.requireInput(1, in1.type());
    out = node.requireOutput(0, in1.type());
    int[] shape = Broadcast.shapeOf(in1.shape(), in2.shape());
    if (shape == null || shape.length != out.rank() || out.size() != product(shape)) {
      throw node.unsupported("input shapes " + Broadcast.toString(in1.shape()) + " and "
          + Broadcast.toString(in2.shape()) + " do not broadcast to the output shape " + Broadcast.toString(out.shape()));
    }
    int[] m1 = Broadcast.indexMap(in1.shape(), out.shape());
    int[] m2 = Broadcast.indexMap(in2.shape(), out.shape());
    boolean direct = Broadcast.isIdentity(m1) && Broadcast.isIdentity(m2);
    map1 = direct ? null : m1;
    map2 = direct ? null : m2;
    size = out.size();
  }

  boolean broadcasting() {
    return map1 != null;
  }

  private static int product(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }
}
