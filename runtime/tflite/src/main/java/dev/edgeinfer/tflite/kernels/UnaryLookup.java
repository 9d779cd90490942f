package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.LookupTables;
import java.util.function.DoubleUnaryOperator;

/** The shared shapes of the one-input activations: a float map, and an INT8 256-entry table lookup. */
final class UnaryLookup {
  private UnaryLookup() {}

  interface FloatUnary {
    float apply(float x);
  }

  static void requireSameShape(Node node, Tensor in, Tensor out) throws UnsupportedModelException {
    if (in.size() != out.size()) {
      throw node.unsupported("input has " + in.size() + " elements, output " + out.size());
    }
  }

  static Op floatMap(Tensor in, Tensor out, FloatUnary f) {
    int n = in.size();
    return () -> {
      float[] x = in.float32();
      float[] y = out.float32();
      int io = in.offset();
      int oo = out.offset();
      for (int i = 0; i < n; i++) {
        y[oo + i] = f.apply(x[io + i]);
      }
    };
  }

  static Op int8Table(Tensor in, Tensor out, DoubleUnaryOperator transform) {
    byte[] table = LookupTables.int8(in.scale(), in.zeroPoint(), out.scale(), out.zeroPoint(), transform);
    return int8Table(in, out, table);
  }

  static Op int8Table(Tensor in, Tensor out, byte[] table) {
    int n = in.size();
    return () -> {
      byte[] x = in.int8();
      byte[] y = out.int8();
      int io = in.offset();
      int oo = out.offset();
      for (int i = 0; i < n; i++) {
        y[oo + i] = table[x[io + i] + 128];
      }
    };
  }
}
