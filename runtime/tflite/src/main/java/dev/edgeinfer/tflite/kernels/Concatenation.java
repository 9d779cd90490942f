package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.Gather;

/**
 * CONCATENATION along one axis, any element type. Quantized inputs must share the output's scale
 * and zero point, as TensorFlow Lite requires for INT8/INT16 (it rescales only UINT8, which this
 * engine does not run): each input contributes a contiguous block per outer index, copied with
 * {@link System#arraycopy}.
 */
final class Concatenation implements Kernel {
  private static final int AXIS = 0;
  private static final int ACTIVATION = 1;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor out = node.requireOutput(0);
    if (!Gather.storable(out.type())) {
      throw node.unsupported("type " + out.typeName() + " is not supported");
    }
    if (node.byteOption(ACTIVATION, (byte) 0) != 0) {
      throw node.unsupported("a fused activation on CONCATENATION is not supported");
    }
    int rank = out.rank();
    int axis = node.intOption(AXIS, 0);
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank) {
      throw node.unsupported("axis " + node.intOption(AXIS, 0) + " is out of range for rank " + rank);
    }
    int n = node.inputCount();
    Tensor[] ins = new Tensor[n];
    int[] chunks = new int[n];
    int inner = 1;
    for (int d = axis + 1; d < rank; d++) {
      inner *= out.dim(d);
    }
    int outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= out.dim(d);
    }
    int axisTotal = 0;
    for (int i = 0; i < n; i++) {
      Tensor in = node.requireInput(i, out.type());
      if (in.rank() != rank) {
        throw node.unsupported("input " + i + " has rank " + in.rank() + ", output " + rank);
      }
      for (int d = 0; d < rank; d++) {
        if (d != axis && in.dim(d) != out.dim(d)) {
          throw node.unsupported("input " + i + " differs from the output outside the axis");
        }
      }
      if (out.isQuantized() && (in.scale() != out.scale() || in.zeroPoint() != out.zeroPoint())) {
        throw node.unsupported("input " + i + " is quantized differently from the output");
      }
      ins[i] = in;
      chunks[i] = in.dim(axis) * inner;
      axisTotal += in.dim(axis);
    }
    if (axisTotal != out.dim(axis)) {
      throw node.unsupported("the inputs add up to " + axisTotal + " along the axis, the output has " + out.dim(axis));
    }
    int outerCount = outer;
    return () -> {
      Object dst = Gather.array(out);
      int o = out.offset();
      for (int k = 0; k < outerCount; k++) {
        for (int i = 0; i < n; i++) {
          int c = chunks[i];
          System.arraycopy(Gather.array(ins[i]), ins[i].offset() + k * c, dst, o, c);
          o += c;
        }
      }
    };
  }
}
