package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgeinfer.engine.TensorInfo;
import dev.edgeinfer.engine.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class InputEncoderTest {

  private static byte[] encode(TensorInfo tensor, float... features) {
    ByteBuffer buffer = ByteBuffer.allocate(tensor.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    new InputEncoder(tensor).encode(features, buffer);
    return buffer.array();
  }

  @Test
  void encode_int8_roundsHalfAwayFromZeroAddsZeroPointAndSaturates() {
    TensorInfo t = new TensorInfo("in", TensorType.INT8, new int[] {1, 7}, 0.5f, -10);
    // x/scale: 0.5, -0.5, 1.25, -1.25, 1000, -1000, 0 -> round: 1, -1, 1, -1, sat, sat, 0 -> + zp
    assertArrayEquals(new byte[] {-9, -11, -9, -11, 127, -128, -10},
        encode(t, 0.25f, -0.25f, 0.625f, -0.625f, 500f, -500f, 0f));
  }

  @Test
  void encode_float32_writesLittleEndianFloats() {
    TensorInfo t = new TensorInfo("in", TensorType.FLOAT32, new int[] {2}, 0f, 0);
    ByteBuffer b = ByteBuffer.wrap(encode(t, 1.5f, -2f)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1.5f, b.getFloat());
    assertEquals(-2f, b.getFloat());
  }

  @Test
  void encode_int16_saturatesAtItsOwnRange() {
    TensorInfo t = new TensorInfo("in", TensorType.INT16, new int[] {3}, 1f, 0);
    ByteBuffer b = ByteBuffer.wrap(encode(t, 40000f, -40000f, 12.5f)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(32767, b.getShort());
    assertEquals(-32768, b.getShort());
    assertEquals(13, b.getShort());
  }

  @Test
  void encode_wrongFeatureCount_isAProgrammingError() {
    TensorInfo t = new TensorInfo("in", TensorType.INT8, new int[] {1, 3}, 1f, 0);
    assertThrows(IllegalArgumentException.class, () -> encode(t, 1f, 2f));
  }

  @Test
  void decode_int8_dequantizesWithScaleAndZeroPoint() {
    TensorInfo t = new TensorInfo("out", TensorType.INT8, new int[] {1, 3}, 1f / 256, -128);
    ByteBuffer b = ByteBuffer.wrap(new byte[] {-128, 127, 0});
    assertArrayEquals(new float[] {0f, 255f / 256, 0.5f}, new OutputDecoder(t).decode(b));
  }
}
