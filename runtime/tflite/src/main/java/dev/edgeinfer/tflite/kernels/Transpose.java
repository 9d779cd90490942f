package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.Gather;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * TRANSPOSE up to rank 6, any element type: output dim i is input dim perm[i] (negative entries
 * count from the end, as TensorFlow Lite accepts). The permutation must be constant; the gather
 * map is computed in prepare.
 */
final class Transpose implements Kernel {
  static final int MAX_RANK = 6;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0);
    Tensor permTensor = node.requireInput(1, TensorTypes.INT32);
    Tensor out = node.requireOutput(0);
    if (in.type() != out.type() || !Gather.storable(in.type())) {
      throw node.unsupported("input " + in.typeName() + " and output " + out.typeName() + " must be one storable type");
    }
    int rank = in.rank();
    if (rank > MAX_RANK) {
      throw node.unsupported("rank " + rank + " is above " + MAX_RANK);
    }
    if (!permTensor.isConstant() || permTensor.size() != rank) {
      throw node.unsupported("the permutation must be a constant of " + rank + " entries");
    }
    int[] perm = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      int p = permTensor.int32()[permTensor.offset() + i];
      p = p < 0 ? p + rank : p;
      if (p < 0 || p >= rank || seen[p]) {
        throw node.unsupported("the permutation is not a permutation of 0.." + (rank - 1));
      }
      seen[p] = true;
      perm[i] = p;
      if (out.rank() != rank || out.dim(i) != in.dim(p)) {
        throw node.unsupported("output shape does not match the permuted input shape");
      }
    }
    int[] map = indexMap(in.shape(), perm);
    return () -> Gather.gather(Gather.array(in), in.offset(), Gather.array(out), out.offset(), map, 0);
  }

  /** For each output element (row-major), the flat input index: output dim i walks input dim perm[i]. */
  static int[] indexMap(int[] inShape, int[] perm) {
    int rank = inShape.length;
    int[] inStrides = Gather.strides(inShape);
    int[] outShape = new int[rank];
    int[] step = new int[rank];
    for (int i = 0; i < rank; i++) {
      outShape[i] = inShape[perm[i]];
      step[i] = inStrides[perm[i]];
    }
    return Gather.walk(outShape, step);
  }
}
