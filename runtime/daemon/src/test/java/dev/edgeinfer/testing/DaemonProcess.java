package dev.edgeinfer.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as a real process ({@code java -jar edgeinfer-VERSION-all.jar ...}), its
 * output in a log file, for tests about the process itself: signals, exit codes, restarts.
 */
public final class DaemonProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private DaemonProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static Path jar() {
    String jar = System.getProperty("edgeinfer.jar");
    if (jar == null) {
      throw new IllegalStateException("edgeinfer.jar is not set: run this test with failsafe (mvn verify)");
    }
    return Path.of(jar);
  }

  public static DaemonProcess start(Path log, String... args) throws IOException {
    return start(log, java.util.Map.of(), List.of(), args);
  }

  /** With JVM options before {@code -jar} (tests that restart the daemon many times use a class-data archive). */
  public static DaemonProcess start(Path log, List<String> jvmOptions, String... args) throws IOException {
    return start(log, java.util.Map.of(), jvmOptions, args);
  }

  /** With {@code env} added to the environment and {@code jvmOptions} (e.g. {@code -Dname=value}) before {@code -jar}. */
  public static DaemonProcess start(Path log, java.util.Map<String, String> env, List<String> jvmOptions,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new DaemonProcess(builder.start(), log);
  }

  /** Runs to completion (bounded) and returns the exit code. */
  public static int run(Path log, long timeoutSeconds, String... args) throws Exception {
    try (DaemonProcess p = start(log, args)) {
      return p.waitFor(timeoutSeconds);
    }
  }

  public Process process() {
    return process;
  }

  public String log() {
    try {
      return java.nio.file.Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Exit code, or an AssertionError (with the log) when it has not exited in time. */
  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not exit within " + seconds + " s; log:\n" + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
