package dev.edgeinfer.pipeline;

import dev.edgeinfer.engine.TensorInfo;
import java.nio.ByteBuffer;

/** Reads a model's output tensor as real numbers, dequantizing ({@code scale * (q - zeroPoint)}) when quantized. */
public final class OutputDecoder {
  private final TensorInfo tensor;
  private final float[] values;

  public OutputDecoder(TensorInfo tensor) {
    this.tensor = tensor;
    this.values = new float[tensor.elementCount()];
  }

  /** Decodes into an array owned by this decoder (overwritten by the next call). */
  public float[] decode(ByteBuffer from) {
    from.clear();
    float scale = tensor.isQuantized() ? tensor.scale() : 1f;
    int zp = tensor.zeroPoint();
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (tensor.type()) {
        case FLOAT32 -> from.getFloat();
        case INT8 -> scale * (from.get() - zp);
        case UINT8 -> scale * (Byte.toUnsignedInt(from.get()) - zp);
        case INT16 -> scale * (from.getShort() - zp);
        case INT32 -> scale * (from.getInt() - zp);
        default -> throw new IllegalStateException("output " + tensor + ": type not supported");
      };
    }
    return values;
  }
}
