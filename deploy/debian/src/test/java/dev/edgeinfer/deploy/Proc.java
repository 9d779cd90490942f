package dev.edgeinfer.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real program to its end and keeps what it printed. A tool the tests need but the machine
 * lacks fails the test with the Debian package to install ({@code .ci/run} installs them all):
 * a check that did not run must not pass.
 */
final class Proc {
  private static final long TIMEOUT_SECONDS = 180;
  // Maintainer tools live in sbin; a test JVM's PATH may leave those out.
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

  record Result(List<String> command, int exit, String out, String err) {
    /** The result, after failing the test with everything the program said unless it exited 0. */
    Result ok() {
      if (exit != 0) {
        fail(String.join(" ", command) + " exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }
  }

  private Proc() {}

  /** The absolute path of {@code name}, or a failed test that says which package brings it. */
  static String tool(String name, String debianPackage) {
    List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(EXTRA_DIRS);
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(name + " is not installed: apt-get install " + debianPackage + " (.ci/run does)");
  }

  static Result run(List<String> command) {
    return run(command, Map.of());
  }

  /** Runs {@code command} with {@code env} added to this JVM's environment (and sbin on the PATH). */
  static Result run(List<String> command, Map<String, String> env) {
    try {
      Path out = Files.createTempFile("proc", ".out");
      Path err = Files.createTempFile("proc", ".err");
      try {
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("PATH", builder.environment().getOrDefault("PATH", "/usr/bin:/bin") + ":" + String.join(":", EXTRA_DIRS));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          fail(String.join(" ", command) + " still running after " + TIMEOUT_SECONDS + " s");
        }
        return new Result(List.copyOf(command), process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      return fail("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted: " + command, e);
    }
  }
}
