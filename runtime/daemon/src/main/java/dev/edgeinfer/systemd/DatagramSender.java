package dev.edgeinfer.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * Sends Unix datagrams through libc, since the JDK's channels cannot send a datagram to a Unix
 * socket. JNA is in the jar already (Pi4J needs it) with natives for Linux x86_64, arm64 and armhf.
 * This class is only loaded when {@code NOTIFY_SOCKET} is set, so elsewhere JNA is never touched.
 *
 * <p>One unbound socket, opened once; {@link #send} is thread-safe (each sendto(2) is atomic).
 */
final class DatagramSender implements AutoCloseable {
  /** The few libc calls needed; constants are the same on Linux x86_64, arm64 and armhf. */
  interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);
    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    int MSG_NOSIGNAL = 0x4000;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen)
        throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private final NotifyAddress address;
  private final int fd;

  DatagramSender(NotifyAddress address) {
    this.address = address;
    this.fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
  }

  /** @throws LastErrorException with errno when the datagram could not be sent (no listener, ...) */
  void send(byte[] datagram) {
    LibC.INSTANCE.sendto(fd, datagram, new NativeLong(datagram.length), LibC.MSG_NOSIGNAL, address.sockaddr(),
        address.length());
  }

  @Override
  public void close() {
    LibC.INSTANCE.close(fd);
  }
}
