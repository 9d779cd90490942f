package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * QUANTIZE (quantize.cc, kGenericOptimized). FLOAT32 to INT8/INT16: {@code round(x / scale) + zp}
 * with the division in double (optimized_ops::AffineQuantize), clamped. Requantization between
 * INT8, INT16 and INT32 (input INT8/INT16/INT32, output INT8/INT16, or INT16 to INT32):
 * {@code (x - in_zp)} times the multiplier of {@code in_scale / out_scale}, plus the output zero
 * point, clamped.
 */
final class Quantize implements Kernel {
  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8, TensorTypes.INT16, TensorTypes.INT32);
    Tensor out = node.requireOutput(0, TensorTypes.INT8, TensorTypes.INT16, TensorTypes.INT32);
    if (in.size() != out.size()) {
      throw node.unsupported("input has " + in.size() + " elements, output " + out.size());
    }
    if (!out.isQuantized() || out.scale() <= 0 || out.scales().length != 1) {
      throw node.unsupported("the output needs one positive scale (per-channel output is not supported)");
    }
    int lo = min(out.type());
    int hi = max(out.type());
    int zp = out.zeroPoint();
    int n = in.size();
    if (in.type() == TensorTypes.FLOAT32) {
      if (out.type() == TensorTypes.INT32) {
        throw node.unsupported("FLOAT32 to INT32 is not a quantization TensorFlow Lite supports");
      }
      double scale = out.scale();
      return () -> {
        float[] x = in.float32();
        int io = in.offset();
        int oo = out.offset();
        for (int i = 0; i < n; i++) {
          long q = FixedPoint.roundHalfAwayFromZero(x[io + i] / scale) + zp;
          store(out, oo + i, (int) Math.max(lo, Math.min(hi, q)));
        }
      };
    }
    if (out.type() == TensorTypes.INT32 && in.type() != TensorTypes.INT16) {
      throw node.unsupported("requantizing to INT32 is supported from INT16 only");
    }
    if (in.type() == TensorTypes.INT32 && out.type() == TensorTypes.INT32) {
      throw node.unsupported("INT32 to INT32 is not supported");
    }
    if (!in.isQuantized() || in.scale() <= 0) {
      throw node.unsupported("the input needs a positive scale");
    }
    if (in.type() == TensorTypes.INT16 && out.type() == TensorTypes.INT16 && (in.zeroPoint() != 0 || zp != 0)) {
      throw node.unsupported("INT16 to INT16 requantization needs zero points of 0 (input " + in.zeroPoint()
          + ", output " + zp + ")");
    }
    FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier((double) in.scale() / (double) out.scale());
    int inZp = in.zeroPoint();
    int mult = m.multiplier();
    int shift = m.shift();
    return () -> {
      int io = in.offset();
      int oo = out.offset();
      for (int i = 0; i < n; i++) {
        int q = FixedPoint.multiplyByQuantizedMultiplier(load(in, io + i) - inZp, mult, shift) + zp;
        store(out, oo + i, Math.max(lo, Math.min(hi, q)));
      }
    };
  }

  private static int load(Tensor t, int i) {
    return switch (t.type()) {
      case TensorTypes.INT8 -> t.int8()[i];
      case TensorTypes.INT16 -> t.int16()[i];
      default -> t.int32()[i];
    };
  }

  private static void store(Tensor t, int i, int v) {
    switch (t.type()) {
      case TensorTypes.INT8 -> t.int8()[i] = (byte) v;
      case TensorTypes.INT16 -> t.int16()[i] = (short) v;
      default -> t.int32()[i] = v;
    }
  }

  private static int min(int type) {
    return type == TensorTypes.INT8 ? Byte.MIN_VALUE : type == TensorTypes.INT16 ? Short.MIN_VALUE : Integer.MIN_VALUE;
  }

  private static int max(int type) {
    return type == TensorTypes.INT8 ? Byte.MAX_VALUE : type == TensorTypes.INT16 ? Short.MAX_VALUE : Integer.MAX_VALUE;
  }
}
