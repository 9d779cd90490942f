package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.read.TensorTypes;

/** DEQUANTIZE INT8, UINT8 or INT16 to FLOAT32: {@code (float) (scale * (x - zp))}, the product in double as dequantize.h has it. */
final class Dequantize implements Kernel {
  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    Tensor in = node.requireInput(0, TensorTypes.INT8, TensorTypes.UINT8, TensorTypes.INT16);
    Tensor out = node.requireOutput(0, TensorTypes.FLOAT32);
    if (in.size() != out.size()) {
      throw node.unsupported("input has " + in.size() + " elements, output " + out.size());
    }
    if (!in.isQuantized() || in.scales().length != 1) {
      throw node.unsupported("the input needs one scale (per-channel is not supported)");
    }
    double scale = in.scale();
    int zp = in.zeroPoint();
    int n = in.size();
    int type = in.type();
    return () -> {
      float[] y = out.float32();
      int io = in.offset();
      int oo = out.offset();
      if (type == TensorTypes.INT16) {
        short[] x = in.int16();
        for (int i = 0; i < n; i++) {
          y[oo + i] = (float) (scale * (x[io + i] - zp));
        }
      } else {
        byte[] x = in.int8();
        int mask = type == TensorTypes.UINT8 ? 0xFF : -1;
        for (int i = 0; i < n; i++) {
          y[oo + i] = (float) (scale * ((x[io + i] & mask) - zp));
        }
      }
    };
  }
}
