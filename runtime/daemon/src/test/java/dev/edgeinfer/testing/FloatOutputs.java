package dev.edgeinfer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** FP32 outputs compared as the engines promise: within 1e-5 relative, 1e-6 absolute near zero. */
public final class FloatOutputs {
  private FloatOutputs() {}

  public static void assertClose(String what, byte[] expected, byte[] actual) {
    assertEquals(expected.length, actual.length, what + ": size");
    FloatBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    FloatBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int i = 0; i < e.limit(); i++) {
      float x = e.get(i);
      float y = a.get(i);
      if (!(Math.abs(x - y) <= Math.max(1e-6f, 1e-5f * Math.abs(x)))) {
        fail(what + ": element " + i + " is " + y + ", expected " + x);
      }
    }
  }
}
