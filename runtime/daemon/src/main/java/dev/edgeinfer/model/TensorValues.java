package dev.edgeinfer.model;

import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.TensorInfo;
import dev.edgeinfer.engine.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Raw little-endian tensor bytes: running an engine on them, and reading their elements as numbers. Stateless. */
final class TensorValues {
  private TensorValues() {}

  /** Runs {@code engine} once from its initial state on {@code inputs}; returns a copy of each output's bytes. */
  static List<byte[]> run(InferenceEngine engine, List<byte[]> inputs) {
    engine.resetState();
    for (int i = 0; i < inputs.size(); i++) {
      engine.input(i).put(inputs.get(i));
    }
    engine.invoke();
    List<byte[]> out = new ArrayList<>();
    for (int j = 0; j < engine.outputs().size(); j++) {
      ByteBuffer b = engine.output(j);
      byte[] copy = new byte[b.remaining()];
      b.get(copy);
      out.add(copy);
    }
    return out;
  }

  static boolean isInteger(TensorType t) {
    return t != TensorType.FLOAT32;
  }

  /** Element {@code i} as stored (quantized units for integer types). */
  static double raw(TensorType type, byte[] bytes, int i) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return switch (type) {
      case FLOAT32 -> b.getFloat(i * 4);
      case INT8 -> bytes[i];
      case UINT8, BOOL -> bytes[i] & 0xff;
      case INT16 -> b.getShort(i * 2);
      case INT32 -> b.getInt(i * 4);
      case INT64 -> b.getLong(i * 8);
    };
  }

  /** Element {@code i} as a real value: dequantized when the tensor is quantized. */
  static double real(TensorInfo info, byte[] bytes, int i) {
    double q = raw(info.type(), bytes, i);
    return info.isQuantized() ? info.scale() * (q - info.zeroPoint()) : q;
  }

  static int elements(TensorInfo info, byte[] bytes) {
    return bytes.length / info.type().bytes();
  }

  /** Index of the largest real value. */
  static int argmax(TensorInfo info, byte[] bytes) {
    int best = 0;
    for (int i = 1; i < elements(info, bytes); i++) {
      if (real(info, bytes, i) > real(info, bytes, best)) {
        best = i;
      }
    }
    return best;
  }
}
