package dev.edgeinfer.pipeline;

import dev.edgeinfer.engine.TensorInfo;
import java.nio.ByteBuffer;

/**
 * Writes a feature vector into a model's input tensor: as is for FLOAT32, quantized to the
 * tensor's scale and zero point for INT8/UINT8/INT16 ({@code q = round(x / scale) + zeroPoint},
 * rounding half away from zero and saturating, as TensorFlow Lite's QUANTIZE does).
 */
public final class InputEncoder {
  private final TensorInfo tensor;
  private final float inverseScale;

  public InputEncoder(TensorInfo tensor) {
    this.tensor = tensor;
    this.inverseScale = tensor.isQuantized() ? 1f / tensor.scale() : 1f;
    switch (tensor.type()) {
      case FLOAT32, INT8, UINT8, INT16 -> { }
      default -> throw new IllegalArgumentException("input tensor " + tensor + ": type not supported for features");
    }
  }

  public int elementCount() {
    return tensor.elementCount();
  }

  public void encode(float[] features, ByteBuffer into) {
    if (features.length != tensor.elementCount()) {
      throw new IllegalArgumentException(features.length + " features for input " + tensor);
    }
    into.clear();
    switch (tensor.type()) {
      case FLOAT32 -> {
        for (float f : features) {
          into.putFloat(f);
        }
      }
      case INT8 -> {
        for (float f : features) {
          into.put((byte) quantize(f, -128, 127));
        }
      }
      case UINT8 -> {
        for (float f : features) {
          into.put((byte) quantize(f, 0, 255));
        }
      }
      case INT16 -> {
        for (float f : features) {
          into.putShort((short) quantize(f, -32768, 32767));
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  int quantize(float value, int min, int max) {
    long q = Math.round(Math.abs(value * inverseScale)) * (value < 0 ? -1 : 1) + tensor.zeroPoint();
    return (int) Math.max(min, Math.min(max, q));
  }
}
