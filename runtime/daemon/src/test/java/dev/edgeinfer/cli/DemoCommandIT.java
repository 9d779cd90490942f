package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.DaemonProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edgeinfer demo} as a user runs it: the jar, its bundled demo, the embedded broker, a live viewer. */
class DemoCommandIT {
  private static final Pattern RESULT = Pattern.compile(
      "^#(\\d+) +vibration +(idle|normal|imbalance|bearing_wear) +[01]\\.\\d\\d  \\(int8, tflite, [0-9.]+ ms\\)"
          + "  idle=[0-9.]+  normal=[0-9.]+  imbalance=[0-9.]+  bearing_wear=[0-9.]+$", Pattern.MULTILINE);

  @TempDir
  Path tmp;

  @Test
  void demo_fromTheJarAnywhere_printsResultsFromTheFirstOnAndStopsCleanly() throws Exception {
    try (DaemonProcess demo = DaemonProcess.start(tmp.resolve("demo.log"), "demo", "--count", "12",
        "--set", "device.stateDir=" + tmp.resolve("state"), "--set", "mqtt.embeddedPort=0")) {
      assertEquals(0, demo.waitFor(60), demo.log());
      String log = demo.log();
      Matcher m = RESULT.matcher(log);
      List<Long> seqs = m.results().map(r -> Long.parseLong(r.group(1))).toList();
      assertTrue(seqs.size() >= 12, "12 results printed:\n" + log);
      for (int i = 0; i < seqs.size(); i++) {
        assertEquals(i + 1, seqs.get(i), "the viewer sees every result from the first:\n" + log);
      }
      assertTrue(log.contains("edgeinfer demo: device demo-01, broker tcp://127.0.0.1:"), log);
    }
  }
}
