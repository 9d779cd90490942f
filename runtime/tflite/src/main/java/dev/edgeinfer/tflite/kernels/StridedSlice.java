package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.Gather;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * STRIDED_SLICE up to rank 5, any element type, with constant begin/end/strides and the begin,
 * end, ellipsis, new-axis and shrink-axis masks and the {@code offset} option (strided_slice.cc,
 * strided_slice_logic.h). The sparse spec is expanded to one (start, stop, stride) per input
 * dimension; new axes and shrunk axes do not change the order of elements, so the output is the
 * row-major walk over those ranges, precomputed as a gather map.
 */
final class StridedSlice implements Kernel {
  static final int MAX_RANK = 5;
  private static final int BEGIN_MASK = 0, END_MASK = 1, ELLIPSIS_MASK = 2, NEW_AXIS_MASK = 3, SHRINK_MASK = 4,
      OFFSET = 5;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0);
    Tensor begin = node.requireInput(1, TensorTypes.INT32);
    Tensor end = node.requireInput(2, TensorTypes.INT32);
    Tensor strides = node.requireInput(3, TensorTypes.INT32);
    Tensor out = node.requireOutput(0, in.type());
    if (!Gather.storable(in.type())) {
      throw node.unsupported("type " + in.typeName() + " is not supported");
    }
    if (in.rank() > MAX_RANK) {
      throw node.unsupported("rank " + in.rank() + " is above " + MAX_RANK);
    }
    if (!begin.isConstant() || !end.isConstant() || !strides.isConstant()) {
      throw node.unsupported("begin, end and strides must be constant");
    }
    int n = begin.size();
    if (end.size() != n || strides.size() != n) {
      throw node.unsupported("begin, end and strides differ in length");
    }
    Spec spec = new Spec(read(begin), read(end), read(strides), node.intOption(BEGIN_MASK, 0),
        node.intOption(END_MASK, 0), node.intOption(ELLIPSIS_MASK, 0), node.intOption(NEW_AXIS_MASK, 0),
        node.intOption(SHRINK_MASK, 0), node.boolOption(OFFSET, false));
    int[] map;
    try {
      map = indexMap(in.shape(), spec);
    } catch (IllegalArgumentException e) {
      throw node.unsupported(e.getMessage());
    }
    if (map.length != out.size()) {
      throw node.unsupported("the slice has " + map.length + " elements but the output has " + out.size());
    }
    return () -> Gather.gather(Gather.array(in), in.offset(), Gather.array(out), out.offset(), map, 0);
  }

  private static int[] read(Tensor t) {
    int[] v = new int[t.size()];
    System.arraycopy(t.int32(), t.offset(), v, 0, v.length);
    return v;
  }

  /** The operator's sparse specification, as in the model. */
  record Spec(int[] begin, int[] end, int[] strides, int beginMask, int endMask, int ellipsisMask, int newAxisMask,
      int shrinkMask, boolean offset) {}

  /** The gather map of a slice of {@code shape}: for each output element, its flat input index. */
  static int[] indexMap(int[] shape, Spec s) {
    int rank = shape.length;
    int n = s.begin.length;
    int[] start = new int[rank];
    int[] stop = new int[rank];
    int[] step = new int[rank];
    // Every input dimension defaults to its full range.
    for (int d = 0; d < rank; d++) {
      start[d] = 0;
      stop[d] = shape[d];
      step[d] = 1;
    }
    int newAxesAfterEllipsis = 0;
    boolean seenEllipsis = false;
    for (int i = 0; i < n; i++) {
      if (seenEllipsis && (s.newAxisMask >> i & 1) != 0) {
        newAxesAfterEllipsis++;
      }
      if ((s.ellipsisMask >> i & 1) != 0) {
        if (seenEllipsis) {
          throw new IllegalArgumentException("more than one ellipsis");
        }
        seenEllipsis = true;
      }
    }
    int dense = 0;
    for (int i = 0; i < n; i++) {
      if ((s.ellipsisMask >> i & 1) != 0) {
        // The ellipsis covers the input dimensions the remaining sparse entries do not name.
        int next = Math.min(rank - (n - i) + 1 + newAxesAfterEllipsis, rank);
        dense = Math.max(dense, next);
        continue;
      }
      if ((s.newAxisMask >> i & 1) != 0) {
        continue; // a new output dimension of size 1; consumes no input dimension
      }
      if (dense >= rank) {
        throw new IllegalArgumentException("the slice names more dimensions than the input has");
      }
      int d = dense++;
      int dim = shape[d];
      int stride = s.strides[i];
      if (stride == 0) {
        throw new IllegalArgumentException("stride of dimension " + d + " is 0");
      }
      boolean shrink = (s.shrinkMask >> i & 1) != 0;
      int b;
      // TensorFlow Lite applies the begin mask on a shrunk axis too (core TensorFlow ignores it there).
      if ((s.beginMask >> i & 1) != 0) {
        b = stride > 0 ? 0 : dim - 1;
      } else {
        b = s.begin[i];
        if (b < 0) {
          b += dim;
        }
        b = stride > 0 ? clamp(b, 0, dim) : clamp(b, -1, dim - 1);
      }
      int e;
      if (shrink) {
        if (b < 0 || b >= dim) {
          throw new IllegalArgumentException("shrunk index " + s.begin[i] + " is out of range for dimension " + d);
        }
        e = b + 1;
        stride = 1;
      } else if ((s.endMask >> i & 1) != 0) {
        e = stride > 0 ? dim : -1;
      } else {
        e = s.offset ? s.begin[i] + s.end[i] : s.end[i];
        if (e < 0) {
          e += dim;
        }
        e = stride > 0 ? clamp(e, 0, dim) : clamp(e, -1, dim - 1);
      }
      start[d] = b;
      stop[d] = e;
      step[d] = stride;
    }
    int[] count = new int[rank];
    int size = 1;
    for (int d = 0; d < rank; d++) {
      int c = step[d] > 0 ? ceilDiv(stop[d] - start[d], step[d]) : ceilDiv(start[d] - stop[d], -step[d]);
      count[d] = Math.max(0, c);
      size *= count[d];
    }
    int[] inStrides = Gather.strides(shape);
    int[] map = new int[size];
    int[] counter = new int[rank];
    for (int k = 0; k < size; k++) {
      int index = 0;
      for (int d = 0; d < rank; d++) {
        index += (start[d] + counter[d] * step[d]) * inStrides[d];
      }
      map[k] = index;
      for (int d = rank - 1; d >= 0; d--) {
        if (++counter[d] < count[d]) {
          break;
        }
        counter[d] = 0;
      }
    }
    return map;
  }

  private static int ceilDiv(int a, int b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }

  private static int clamp(int x, int lo, int hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
