package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.Gather;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * PAD up to rank 5 (TensorFlow Lite's limit), any element type, constant paddings of shape
 * [rank, 2]. The pad value is zero in real terms: the output zero point for quantized tensors
 * (pad.cc), 0 otherwise.
 */
final class Pad implements Kernel {
  static final int MAX_RANK = 5;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0);
    Tensor paddings = node.requireInput(1, TensorTypes.INT32, TensorTypes.INT64);
    Tensor out = node.requireOutput(0, in.type());
    if (!Gather.storable(in.type())) {
      throw node.unsupported("type " + in.typeName() + " is not supported");
    }
    int rank = in.rank();
    if (rank > MAX_RANK || out.rank() != rank) {
      throw node.unsupported("input rank " + rank + " and output rank " + out.rank() + " must match and be at most " + MAX_RANK);
    }
    if (!paddings.isConstant() || paddings.size() != 2 * rank) {
      throw node.unsupported("paddings must be a constant [" + rank + ", 2]");
    }
    int[] before = new int[rank];
    for (int d = 0; d < rank; d++) {
      long b = read(paddings, 2 * d);
      long a = read(paddings, 2 * d + 1);
      if (b < 0 || a < 0 || in.dim(d) + b + a != out.dim(d)) {
        throw node.unsupported("paddings of dimension " + d + " do not give the output shape");
      }
      before[d] = (int) b;
    }
    int[] map = indexMap(in.shape(), out.shape(), before);
    long fill = out.type() == TensorTypes.FLOAT32 ? Float.floatToIntBits(0f) : out.zeroPoint();
    return () -> Gather.gather(Gather.array(in), in.offset(), Gather.array(out), out.offset(), map, fill);
  }

  private static long read(Tensor t, int i) {
    return t.type() == TensorTypes.INT64 ? t.int64()[t.offset() + i] : t.int32()[t.offset() + i];
  }

  /** For each output element, the input index it copies, or -1 in the padding. */
  static int[] indexMap(int[] inShape, int[] outShape, int[] before) {
    int rank = outShape.length;
    int[] inStrides = Gather.strides(inShape);
    int size = 1;
    for (int d : outShape) {
      size *= d;
    }
    int[] map = new int[size];
    int[] counter = new int[rank];
    for (int k = 0; k < size; k++) {
      int index = 0;
      for (int d = 0; d < rank; d++) {
        int c = counter[d] - before[d];
        if (c < 0 || c >= inShape[d]) {
          index = -1;
          break;
        }
        index += c * inStrides[d];
      }
      map[k] = index;
      for (int d = rank - 1; d >= 0; d--) {
        if (++counter[d] < outShape[d]) {
          break;
        }
        counter[d] = 0;
      }
    }
    return map;
  }
}
