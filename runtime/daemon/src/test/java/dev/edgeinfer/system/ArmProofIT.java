package dev.edgeinfer.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.DaemonProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on ARM, under qemu user-mode emulation with Debian's own arm64 and armhf JREs
 * (tools/arm-proof.sh, which fetches them with apt the first time): on each architecture the demo
 * publishes at least 20 results to a Mosquitto on this host from the engine that architecture
 * should pick, stops cleanly and leaves its SQLite outbox, and the pure-Java engine reproduces
 * every golden output of the conformance set. Needs the Debian mirror and root (or sudo) for apt,
 * as CI has; without them it fails rather than skips.
 */
class ArmProofIT {
  private static final long TIMEOUT_MINUTES = 15;

  @Test
  void demoAndGoldens_onArm64AndArmhf() throws Exception {
    Path log = Path.of("target", "arm-proof.log").toAbsolutePath();
    ProcessBuilder pb = new ProcessBuilder("bash", Conformance.repo().resolve("tools/arm-proof.sh").toString(),
        "--conformance", Conformance.root().toString(), "arm64", "armhf")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("ARM_PROOF_JAR", DaemonProcess.jar().toString());
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("arm-proof.sh did not finish within " + TIMEOUT_MINUTES + " minutes; see " + log);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    for (String line : new String[] {
        "arm64: demo (default): 20 results from engine tflite, clean stop (exit 0), SQLite outbox",
        "arm64: demo (java): 20 results from engine java, clean stop (exit 0), SQLite outbox",
        "arm64: goldens: 40 cases of 10 models on the java engine: all match",
        "armhf: demo (default): 20 results from engine java, clean stop (exit 0), SQLite outbox",
        "armhf: goldens: 40 cases of 10 models on the java engine: all match",
        "== all checks passed"}) {
      assertTrue(out.contains(line), "missing \"" + line + "\" in:\n" + out);
    }
  }
}
