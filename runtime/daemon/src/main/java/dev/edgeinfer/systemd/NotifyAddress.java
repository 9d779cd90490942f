package dev.edgeinfer.systemd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code $NOTIFY_SOCKET} value as a Linux {@code struct sockaddr_un} (unix(7)): a native-order
 * {@code sa_family_t} of {@code AF_UNIX}, then the path. A value starting with {@code @} names an
 * abstract socket: the {@code @} becomes a NUL byte and the address length covers exactly the name,
 * no trailing NUL (a trailing NUL would name a different abstract socket). A filesystem path is
 * NUL-terminated and the length includes that NUL, as sd_notify(3) does.
 *
 * @param sockaddr the bytes of the address, exactly {@code length} long
 */
public record NotifyAddress(String text, byte[] sockaddr) {
  static final short AF_UNIX = 1;
  /** sizeof(sun_path) on Linux. */
  static final int SUN_PATH_MAX = 108;
  private static final int FAMILY_BYTES = 2;

  /**
   * Parses the variable's value.
   *
   * @throws IllegalArgumentException when the value is empty, neither absolute nor abstract, or too long
   */
  public static NotifyAddress parse(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("NOTIFY_SOCKET is empty");
    }
    boolean abstractName = value.charAt(0) == '@';
    if (!abstractName && value.charAt(0) != '/') {
      throw new IllegalArgumentException("NOTIFY_SOCKET=" + value
          + ": expected an absolute path or an abstract address starting with '@'");
    }
    byte[] path = value.getBytes(StandardCharsets.UTF_8);
    int pathBytes = abstractName ? path.length : path.length + 1; // '@' becomes NUL; a path gets a trailing NUL
    if (pathBytes > SUN_PATH_MAX) {
      throw new IllegalArgumentException("NOTIFY_SOCKET=" + value + ": longer than the " + SUN_PATH_MAX
          + " bytes a Unix socket address holds");
    }
    ByteBuffer b = ByteBuffer.allocate(FAMILY_BYTES + pathBytes).order(ByteOrder.nativeOrder());
    b.putShort(AF_UNIX);
    if (abstractName) {
      b.put((byte) 0).put(path, 1, path.length - 1);
    } else {
      b.put(path).put((byte) 0);
    }
    return new NotifyAddress(value, b.array());
  }

  public int length() {
    return sockaddr.length;
  }
}
