package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;
import dev.edgeinfer.tflite.kernels.ref.Gather;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * MEAN over constant axes, with or without keep_dims: FLOAT32, and INT8 along the two paths of
 * reduce.cc EvalMean (kGenericOptimized). A 4-D input with keep_dims reduced over axes {1, 2}
 * goes through optimized_integer_ops::Mean: the raw int8 sum times
 * {@code in_scale / (count * out_scale)} (float), plus a bias of
 * {@code out_zp - round(in_zp * in_scale / out_scale)}. Everything else goes through
 * reference_ops::QuantizedMeanOrSum: {@code sum - in_zp * count} times the in/out multiplier with
 * 1/count folded into it.
 */
final class Mean implements Kernel {
  private static final int KEEP_DIMS = 0;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8);
    Tensor axes = node.requireInput(1, TensorTypes.INT32);
    Tensor out = node.requireOutput(0, in.type());
    if (!axes.isConstant()) {
      throw node.unsupported("axes must be constant");
    }
    int rank = in.rank();
    boolean[] reduced = new boolean[rank];
    int[] axisList = new int[axes.size()];
    for (int i = 0; i < axes.size(); i++) {
      int a = axes.int32()[axes.offset() + i];
      a = a < 0 ? a + rank : a;
      if (a < 0 || a >= rank) {
        throw node.unsupported("axis " + axes.int32()[axes.offset() + i] + " is out of range for rank " + rank);
      }
      reduced[a] = true;
      axisList[i] = a;
    }
    int count = 1;
    for (int d = 0; d < rank; d++) {
      if (reduced[d]) {
        count *= in.dim(d);
      }
    }
    if (count == 0 || in.size() / count != out.size()) {
      throw node.unsupported("output has " + out.size() + " elements, the reduction gives " + in.size() / Math.max(1, count));
    }
    int[] outIndex = outputIndex(in.shape(), reduced);
    int outSize = out.size();
    if (in.type() == TensorTypes.FLOAT32) {
      float[] sums = new float[outSize];
      float n = count;
      return () -> {
        java.util.Arrays.fill(sums, 0f);
        float[] x = in.float32();
        int io = in.offset();
        for (int i = 0; i < outIndex.length; i++) {
          sums[outIndex[i]] += x[io + i];
        }
        float[] y = out.float32();
        for (int k = 0; k < outSize; k++) {
          y[out.offset() + k] = sums[k] / n;
        }
      };
    }
    boolean keepDims = node.boolOption(KEEP_DIMS, false);
    boolean special = keepDims && rank == 4 && axisList.length == 2
        && ((axisList[0] == 1 && axisList[1] == 2) || (axisList[0] == 2 && axisList[1] == 1));
    int[] sums = new int[outSize];
    int inZp = in.zeroPoint();
    int outZp = out.zeroPoint();
    int multiplier;
    int shift;
    int bias;
    if (special) {
      float temp = inZp * in.scale() / out.scale();
      temp = temp > 0 ? temp + 0.5f : temp - 0.5f;
      bias = outZp - (int) temp;
      float realScale = in.scale() / ((float) count * out.scale());
      FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(realScale);
      multiplier = m.multiplier();
      shift = m.shift();
    } else {
      FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier((double) in.scale() / (double) out.scale());
      int s = 63 - Long.numberOfLeadingZeros(count);
      s = Math.min(s, 32);
      s = Math.min(s, 31 + m.shift());
      multiplier = (int) (((long) m.multiplier() << s) / count);
      shift = m.shift() - s;
      bias = outZp;
    }
    int subtract = special ? 0 : inZp * count;
    return () -> {
      java.util.Arrays.fill(sums, 0);
      byte[] x = in.int8();
      int io = in.offset();
      for (int i = 0; i < outIndex.length; i++) {
        sums[outIndex[i]] += x[io + i];
      }
      byte[] y = out.int8();
      for (int k = 0; k < outSize; k++) {
        int q = FixedPoint.multiplyByQuantizedMultiplier(sums[k] - subtract, multiplier, shift) + bias;
        y[out.offset() + k] = (byte) Math.max(-128, Math.min(127, q));
      }
    };
  }

  /** For each input element, the index of the (row-major, reduced dims dropped) output element it adds to. */
  static int[] outputIndex(int[] shape, boolean[] reduced) {
    int rank = shape.length;
    int[] outStride = new int[rank];
    int stride = 1;
    for (int d = rank - 1; d >= 0; d--) {
      outStride[d] = reduced[d] ? 0 : stride;
      stride *= reduced[d] ? 1 : shape[d];
    }
    return Gather.walk(shape, outStride);
  }

}
