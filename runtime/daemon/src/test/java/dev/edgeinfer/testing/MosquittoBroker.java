package dev.edgeinfer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker for integration tests: its own process, a generated config in a temp
 * folder, one listener on a free loopback port, anonymous clients allowed, persistence off (so a
 * {@link #restart()} loses sessions and retained messages, as a crashed broker without
 * persistence would). {@link #startPersistent()} turns persistence on (saved at SIGTERM and every
 * second), for tests of sessions that survive a broker restart.
 *
 * <pre>{@code
 * try (MosquittoBroker broker = MosquittoBroker.start()) {
 *   String url = broker.url();          // tcp://127.0.0.1:PORT
 *   broker.restart();                   // same port, to test reconnects
 * }
 * }</pre>
 *
 * <p>Extra config lines (a TLS listener, say) go through {@link #start(List)}; they are written
 * after the default listener. Mosquitto's own log is in {@link #logFile()} for failure messages.
 *
 * <p>Files named in extra config lines must be readable by the {@code mosquitto} user: started
 * as root, Mosquitto drops to that user, and temp folders are private ({@code rwx------}).
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class MosquittoBroker implements AutoCloseable {
  private static final long START_TIMEOUT_MILLIS = 10_000;

  private final Path dir;
  private final Path config;
  private final Path log;
  private final int port;
  private Process process;

  private MosquittoBroker(Path dir, int port, List<String> extraConfig, boolean persistent) throws IOException {
    this.dir = dir;
    this.port = port;
    this.config = dir.resolve("mosquitto.conf");
    this.log = dir.resolve("mosquitto.log");
    StringBuilder conf = new StringBuilder();
    conf.append("listener ").append(port).append(" 127.0.0.1\n");
    conf.append("allow_anonymous true\n");
    if (persistent) {
      conf.append("persistence true\n");
      conf.append("persistence_location ").append(dir).append("/\n");
      conf.append("autosave_interval 1\n");
    } else {
      conf.append("persistence false\n");
    }
    // A test subscriber reads slower than the daemon publishes; Mosquitto would drop beyond 1,000 queued.
    conf.append("max_queued_messages 0\n");
    conf.append("log_dest stderr\n");
    conf.append("log_type error\nlog_type warning\nlog_type notice\n");
    for (String line : extraConfig) {
      conf.append(line).append('\n');
    }
    Files.writeString(config, conf);
  }

  /** Starts a broker with the default listener only. */
  public static MosquittoBroker start() {
    return start(List.of());
  }

  /** Starts a broker whose config gets {@code extraConfig} appended, one line per element. */
  public static MosquittoBroker start(List<String> extraConfig) {
    return start(extraConfig, false);
  }

  /** Persistence on: sessions and their queued messages survive {@link #restart()} (and, up to the last autosave, {@link #kill()}). */
  public static MosquittoBroker startPersistent() {
    return start(List.of(), true);
  }

  private static MosquittoBroker start(List<String> extraConfig, boolean persistent) {
    try {
      Path dir = Files.createTempDirectory("mosquitto-test");
      if (persistent) {
        // Started as root, Mosquitto drops to the mosquitto user, which must write its database here.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      }
      MosquittoBroker broker = new MosquittoBroker(dir, freePort(), extraConfig, persistent);
      broker.launch();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return dir;
  }

  public Path logFile() {
    return log;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the broker (SIGTERM, then SIGKILL after 5 s); the port stays reserved for {@link #restart()}. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** Stops and starts again on the same port with the same config (without persistence, sessions and retained messages are gone). */
  public void restart() {
    stop();
    launch();
  }

  /** SIGKILL: no goodbye, no final save of the persistence database. */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts again after {@link #stop()} or {@link #kill()}, on the same port with the same config. */
  public void startAgain() {
    if (process != null) {
      throw new IllegalStateException("mosquitto is still running");
    }
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  /** A free loopback port, as the kernel hands it out; another process could take it before we bind, rarely. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() {
    String exe = executable();
    try {
      process =
          new ProcessBuilder(exe, "-c", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + exe, e);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "mosquitto exited with status " + process.exitValue() + " at start; its log:\n" + readLog());
      }
      if (accepts()) {
        return;
      }
      try {
        Thread.sleep(20); // polling a port: there is nothing to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for mosquitto", e);
      }
    }
    stop();
    throw new IllegalStateException(
        "mosquitto did not accept connections on port " + port + " within " + START_TIMEOUT_MILLIS
            + " ms; its log:\n" + readLog());
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String readLog() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String executable() {
    for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "mosquitto");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(
        "mosquitto is not installed (looked in /usr/sbin, /usr/local/sbin and PATH); "
            + "the MQTT integration tests need a real broker: apt-get install mosquitto");
  }
}
