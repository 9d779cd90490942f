package dev.edgeinfer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /usr/bin/edgeinfer}: which Java it picks, the flags it gives it, and that it execs (the
 * JVM must be the service's main process for {@code NotifyAccess=main}). A stand-in JVM home with
 * a {@code release} file and a {@code bin/java} that reports its pid and arguments shows what the
 * wrapper ran; the real JDK runs the real jar at the end.
 */
class WrapperIT {
  @TempDir Path tmp;

  private Path wrapper() {
    return Build.repo().resolve("deploy/debian/bin/edgeinfer");
  }

  /** A JVM home that claims {@code version} and whose java prints its pid, then one argument per line. */
  private Path fakeJavaHome(String name, String version) throws IOException {
    Path home = tmp.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"pid=$$\"\necho \"home=" + name + "\"\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private Path jar() throws IOException {
    return Files.writeString(tmp.resolve("edgeinfer.jar"), "stand-in");
  }

  @Test
  void execsTheJavaOfJavaHome_withMemoryFlagsThenTheUsersFlags_thenTheJarAndArguments() throws Exception {
    Path home = fakeJavaHome("jdk17", "17.0.13");
    ProcessBuilder builder = new ProcessBuilder(wrapper().toString(), "run", "--config", "/etc/edgeinfer/config.yaml");
    builder.environment().putAll(Map.of("JAVA_HOME", home.toString(), "EDGEINFER_JAR", jar().toString(),
        "EDGEINFER_JAVA_OPTS", "-Xmx99m -Dfoo=bar"));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    List<String> lines = List.of(new String(process.getInputStream().readAllBytes()).split("\n"));

    // exec: the java the wrapper started is the very process the wrapper was.
    assertEquals("pid=" + process.pid(), lines.get(0));
    assertEquals("home=jdk17", lines.get(1));
    List<String> args = lines.subList(2, lines.size());
    assertEquals(List.of("-Xmx99m", "-Dfoo=bar", "-jar", jar().toString(), "run", "--config", "/etc/edgeinfer/config.yaml"),
        args.subList(args.size() - 7, args.size()));
    List<String> memory = args.subList(0, args.size() - 7);
    assertTrue(memory.contains("-XX:+UseSerialGC"), memory.toString());
    // The board's heap comes before the user's, so the user's (the JVM takes the last) wins.
    assertEquals(1, memory.stream().filter(a -> a.startsWith("-Xmx")).count(), memory.toString());
  }

  @Test
  void passesOverAJavaHomeOlderThan17() throws IOException {
    Path old = fakeJavaHome("jdk11", "11.0.25");
    Proc.Result result = Proc.run(List.of(wrapper().toString(), "--version"),
        Map.of("JAVA_HOME", old.toString(), "EDGEINFER_JAR", Build.jar().toString())).ok();
    // Not the stand-in: a real Java 17+ from the PATH or /usr/lib/jvm ran the real jar.
    assertEquals("edgeinfer " + Build.version() + "\n", result.out());
  }

  @Test
  void runsTheRealJarOnThisMachinesJava() {
    Proc.Result result = Proc.run(List.of(wrapper().toString(), "--version"),
        Map.of("EDGEINFER_JAR", Build.jar().toString())).ok();
    assertEquals("edgeinfer " + Build.version() + "\n", result.out());
  }

  @Test
  void saysSoWhenTheJarIsMissing() {
    Proc.Result result = Proc.run(List.of(wrapper().toString(), "--version"),
        Map.of("EDGEINFER_JAR", tmp.resolve("absent.jar").toString()));
    assertEquals(1, result.exit());
    assertTrue(result.err().contains("absent.jar is missing; reinstall the package"), result.err());
  }
}
