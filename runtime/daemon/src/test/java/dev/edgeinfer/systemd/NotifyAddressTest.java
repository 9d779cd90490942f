package dev.edgeinfer.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NotifyAddressTest {
  /** sa_family_t AF_UNIX (1) in the machine's byte order. */
  private static final byte[] FAMILY = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
      ? new byte[] {1, 0} : new byte[] {0, 1};

  @Test
  void parse_path_isNulTerminatedAndLengthCountsTheNul() {
    NotifyAddress a = NotifyAddress.parse("/run/s");
    assertArrayEquals(new byte[] {FAMILY[0], FAMILY[1], '/', 'r', 'u', 'n', '/', 's', 0}, a.sockaddr());
    assertEquals(9, a.length());
  }

  @Test
  void parse_abstract_atBecomesNulAndNoTrailingNul() {
    NotifyAddress a = NotifyAddress.parse("@ab/c");
    assertArrayEquals(new byte[] {FAMILY[0], FAMILY[1], 0, 'a', 'b', '/', 'c'}, a.sockaddr());
    assertEquals(7, a.length());
  }

  @Test
  void parse_longestPathThatFits_isAccepted_andOneMoreIsRefused() {
    String path = "/" + "p".repeat(106); // 107 bytes + NUL = sizeof(sun_path)
    assertEquals(2 + 108, NotifyAddress.parse(path).length());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NotifyAddress.parse(path + "p"));
    assertEquals("NOTIFY_SOCKET=" + path + "p: longer than the 108 bytes a Unix socket address holds", e.getMessage());
    assertEquals(2 + 108, NotifyAddress.parse("@" + "a".repeat(107)).length(), "abstract: 108 bytes, no NUL");
  }

  @Test
  void parse_relativeOrEmpty_isRefusedWithTheValue() {
    assertEquals("NOTIFY_SOCKET=run/s: expected an absolute path or an abstract address starting with '@'",
        assertThrows(IllegalArgumentException.class, () -> NotifyAddress.parse("run/s")).getMessage());
    assertEquals("NOTIFY_SOCKET is empty",
        assertThrows(IllegalArgumentException.class, () -> NotifyAddress.parse("")).getMessage());
  }
}
