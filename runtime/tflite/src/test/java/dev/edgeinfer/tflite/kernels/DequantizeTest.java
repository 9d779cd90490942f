package dev.edgeinfer.tflite.kernels;

import static dev.edgeinfer.tflite.kernels.SingleOpModel.FLOAT32;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT16;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.INT8;
import static dev.edgeinfer.tflite.kernels.SingleOpModel.UINT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** DEQUANTIZE to FLOAT32: {@code scale * (x - zp)}. */
class DequantizeTest {
  static final int DEQUANTIZE = 6;

  @Test
  void int8_zeroPointAtBottom() throws Exception {
    // scale 0.5, zp -128: [-128, 127, 0, -1] -> [0, 127.5, 64, 63.5]
    byte[] out = new SingleOpModel(DEQUANTIZE)
        .input(INT8, new int[] {4}, 0.5f, -128)
        .output(FLOAT32, new int[] {4}, 0f, 0)
        .run(SingleOpModel.int8(-128, 127, 0, -1));
    assertArrayEquals(new float[] {0f, 127.5f, 64f, 63.5f}, SingleOpModel.float32Values(out));
  }

  @Test
  void int8_zeroPointAtTop_givesNegatives() throws Exception {
    // scale 0.25, zp 127: [127, -128, 0] -> [0, -63.75, -31.75]
    byte[] out = new SingleOpModel(DEQUANTIZE)
        .input(INT8, new int[] {3}, 0.25f, 127)
        .output(FLOAT32, new int[] {3}, 0f, 0)
        .run(SingleOpModel.int8(127, -128, 0));
    assertArrayEquals(new float[] {0f, -63.75f, -31.75f}, SingleOpModel.float32Values(out));
  }

  @Test
  void int16_limits() throws Exception {
    byte[] out = new SingleOpModel(DEQUANTIZE)
        .input(INT16, new int[] {3}, 0.25f, 0)
        .output(FLOAT32, new int[] {3}, 0f, 0)
        .run(SingleOpModel.int16(32767, -32768, -1));
    assertArrayEquals(new float[] {8191.75f, -8192f, -0.25f}, SingleOpModel.float32Values(out));
  }

  @Test
  void uint8_readsUnsigned() throws Exception {
    // zp 128, scale 1: bytes 0 and 255 are 0 and 255 unsigned -> -128, 127
    byte[] out = new SingleOpModel(DEQUANTIZE)
        .input(UINT8, new int[] {2}, 1f, 128)
        .output(FLOAT32, new int[] {2}, 0f, 0)
        .run(new byte[] {0, (byte) 255});
    assertArrayEquals(new float[] {-128f, 127f}, SingleOpModel.float32Values(out));
  }

  @Test
  void floatInput_refusedAtLoad() {
    SingleOpModel model = new SingleOpModel(DEQUANTIZE)
        .input(FLOAT32, new int[] {2}, 0f, 0)
        .output(FLOAT32, new int[] {2}, 0f, 0);
    SingleOpModel.assertRefused(model, "DEQUANTIZE", "input 0 has type FLOAT32");
  }

  @Test
  void unquantizedInput_refusedAtLoad() {
    SingleOpModel model = new SingleOpModel(DEQUANTIZE)
        .input(INT8, new int[] {2}, 0f, 0)
        .output(FLOAT32, new int[] {2}, 0f, 0);
    SingleOpModel.assertRefused(model, "DEQUANTIZE", "the input needs one scale");
  }
}
