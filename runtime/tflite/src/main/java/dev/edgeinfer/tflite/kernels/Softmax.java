package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;
import dev.edgeinfer.tflite.kernels.ref.LookupTables;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * SOFTMAX over the last dimension. FLOAT32; INT8 to INT8 or INT16 as TensorFlow Lite's builtin
 * kernel does it on x86_64 (activations.cc SoftmaxPrepare/SoftmaxQuantized without
 * TFLITE_SOFTMAX_USE_UINT16_LUT, which only aarch64 clang builds define: optimized_ops::Softmax
 * with the float table of PopulateSoftmaxLookupTable): per row, a float sum of
 * {@code table[255 - max + x]}, then each entry times {@code 1 / (sum * output_scale)}, rounded
 * half away from zero, plus the output zero point, clamped.
 */
final class Softmax implements Kernel {
  private static final int BETA = 0;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8);
    Tensor out = in.type() == TensorTypes.FLOAT32 ? node.requireOutput(0, TensorTypes.FLOAT32)
        : node.requireOutput(0, TensorTypes.INT8, TensorTypes.INT16);
    if (in.rank() < 1 || in.size() != out.size()) {
      throw node.unsupported("input and output must have the same, non-scalar shape");
    }
    float beta = node.floatOption(BETA, 1f);
    int depth = in.dim(in.rank() - 1);
    int rows = depth == 0 ? 0 : in.size() / depth;
    if (in.type() == TensorTypes.FLOAT32) {
      return floatOp(in, out, beta, rows, depth);
    }
    if (out.type() == TensorTypes.INT8 && (out.zeroPoint() != -128
        || Math.abs(out.scale() - 1f / 256) > 0.001f / 256)) {
      throw node.unsupported("an INT8 output needs zero point -128 and scale 1/256");
    }
    float[] table = LookupTables.softmaxExp(in.scale(), beta);
    float outScale = out.scale();
    int zp = out.zeroPoint();
    boolean int16 = out.type() == TensorTypes.INT16;
    int lo = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
    int hi = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
    return () -> {
      byte[] x = in.int8();
      int io = in.offset();
      for (int r = 0; r < rows; r++) {
        int base = io + r * depth;
        int max = Byte.MIN_VALUE;
        for (int j = 0; j < depth; j++) {
          max = Math.max(max, x[base + j]);
        }
        int shift = 255 - max;
        float sum = 0f;
        for (int j = 0; j < depth; j++) {
          sum += table[shift + x[base + j]];
        }
        float inv = 1.0f / (sum * outScale);
        int ob = out.offset() + r * depth;
        for (int j = 0; j < depth; j++) {
          float p = table[shift + x[base + j]] * inv;
          int q = FixedPoint.roundHalfAwayFromZero(p) + zp;
          q = Math.max(lo, Math.min(hi, q));
          if (int16) {
            out.int16()[ob + j] = (short) q;
          } else {
            out.int8()[ob + j] = (byte) q;
          }
        }
      }
    };
  }

  private static Op floatOp(Tensor in, Tensor out, float beta, int rows, int depth) {
    return () -> {
      float[] x = in.float32();
      float[] y = out.float32();
      for (int r = 0; r < rows; r++) {
        int bi = in.offset() + r * depth;
        int bo = out.offset() + r * depth;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < depth; j++) {
          max = Math.max(max, x[bi + j]);
        }
        float sum = 0f;
        for (int j = 0; j < depth; j++) {
          float e = (float) Math.exp((x[bi + j] - max) * beta);
          y[bo + j] = e;
          sum += e;
        }
        float inv = 1f / sum;
        for (int j = 0; j < depth; j++) {
          y[bo + j] *= inv;
        }
      }
    };
  }
}
