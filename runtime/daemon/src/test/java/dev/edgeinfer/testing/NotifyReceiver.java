package dev.edgeinfer.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What systemd does with a Type=notify service's messages, for tests: a Unix datagram socket bound
 * at a filesystem path or an abstract address ({@code @name}), set as the service's
 * {@code NOTIFY_SOCKET}, collecting every datagram with the time it arrived. The address bytes are
 * built here from unix(7), independently of the code under test. Linux x86_64 only (the
 * {@code struct timeval} layout of SO_RCVTIMEO).
 */
public final class NotifyReceiver implements AutoCloseable {
  interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] addr, int addrLen) throws LastErrorException;

    int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

    NativeLong recv(int fd, byte[] buf, NativeLong len, int flags);

    int close(int fd);
  }

  /** One datagram and when it arrived ({@link System#nanoTime()}). */
  public record Message(String text, long nanos) {
    public boolean has(String assignment) {
      return text.lines().anyMatch(assignment::equals);
    }
  }

  private final String address;
  private final int fd;
  private final Thread thread;
  private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
  private final List<Message> all = new ArrayList<>();
  private volatile boolean closed;

  private NotifyReceiver(String address) {
    this.address = address;
    this.fd = LibC.INSTANCE.socket(1 /* AF_UNIX */, 2 /* SOCK_DGRAM */, 0);
    byte[] name = address.getBytes(StandardCharsets.UTF_8);
    boolean abstractName = address.startsWith("@");
    ByteBuffer sa = ByteBuffer.allocate(2 + name.length + (abstractName ? 0 : 1)).order(ByteOrder.nativeOrder());
    sa.putShort((short) 1);
    if (abstractName) {
      sa.put((byte) 0).put(name, 1, name.length - 1);
    } else {
      sa.put(name).put((byte) 0);
    }
    LibC.INSTANCE.bind(fd, sa.array(), sa.capacity());
    // SO_RCVTIMEO of 100 ms, so the reading thread notices close().
    ByteBuffer tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0).putLong(100_000);
    LibC.INSTANCE.setsockopt(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, tv.array(), 16);
    thread = new Thread(this::receive, "notify-receiver");
    thread.setDaemon(true);
    thread.start();
  }

  /** Bound at {@code address}: an absolute path, or {@code @name} for the abstract namespace. */
  public static NotifyReceiver bind(String address) {
    return new NotifyReceiver(address);
  }

  /** The value for NOTIFY_SOCKET. */
  public String address() {
    return address;
  }

  private void receive() {
    byte[] buf = new byte[4096];
    while (!closed) {
      long n = LibC.INSTANCE.recv(fd, buf, new NativeLong(buf.length), 0).longValue();
      if (n >= 0) {
        Message m = new Message(new String(buf, 0, (int) n, StandardCharsets.UTF_8), System.nanoTime());
        synchronized (all) {
          all.add(m);
        }
        queue.add(m);
      }
    }
  }

  /** The next message (in arrival order) that {@code matches}, skipping others; AssertionError on timeout. */
  public Message await(Predicate<Message> matches, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Message m = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no " + what + " within " + timeout + "; received: " + messages());
      }
      if (matches.test(m)) {
        return m;
      }
    }
  }

  /** Every message so far. */
  public List<Message> messages() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.join(2_000);
    LibC.INSTANCE.close(fd);
  }
}
