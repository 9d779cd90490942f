package dev.edgeinfer.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.DaemonProcess;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.NotifyReceiver;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a real process under a stand-in for systemd: a Unix datagram socket bound by the
 * test as NOTIFY_SOCKET (a path and an abstract address), WATCHDOG_USEC of 2 s, JOURNAL_STREAM
 * naming the process's stderr. READY=1 comes once the broker holds the first status; WATCHDOG=1
 * comes at least twice per interval while the pipeline runs and stops when the test hook stalls
 * the loop; STOPPING=1 comes on SIGTERM, which still exits 0.
 */
class SystemdNotifyIT {
  private static final String DEVICE = "notify-01";
  private static final long INTERVAL_MS = 2_000;
  /** The demo makes 6.25 windows a second: about 6 s, three watchdog intervals, of pings before the stall. */
  private static final int STALL_AFTER = 40;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  private DaemonProcess start(MosquittoBroker broker, Path log, Map<String, String> env, List<String> jvm)
      throws Exception {
    return DaemonProcess.start(log, env, jvm, "run", "--config",
        Conformance.repo().resolve("device-config/demo.yaml").toString(),
        "--set", "mqtt.broker=" + broker.url(), "--set", "device.id=" + DEVICE,
        "--set", "device.stateDir=" + tmp.resolve("state"));
  }

  private static boolean isReady(NotifyReceiver.Message m) {
    return m.has("READY=1");
  }

  private static boolean isPing(NotifyReceiver.Message m) {
    return m.has("WATCHDOG=1");
  }

  @Test
  void pathSocket_readyAfterFirstStatus_pingsWhileLoopRuns_stopsPingingWhenStuck_stoppingOnSigterm()
      throws Exception {
    Path log = Files.createFile(tmp.resolve("daemon.log"));
    String journal = Files.getAttribute(log, "unix:dev") + ":" + Files.getAttribute(log, "unix:ino");
    try (MosquittoBroker broker = MosquittoBroker.start();
        NotifyReceiver systemd = NotifyReceiver.bind(tmp.resolve("notify").toString());
        DaemonProcess daemon = start(broker, log,
            Map.of("NOTIFY_SOCKET", systemd.address(), "WATCHDOG_USEC", Long.toString(INTERVAL_MS * 1000),
                "JOURNAL_STREAM", journal),
            List.of("-Dedgeinfer.test.stallPipelineAfter=" + STALL_AFTER))) {
      NotifyReceiver.Message ready = systemd.await(SystemdNotifyIT::isReady, WAIT, "READY=1; log:\n" + daemon.log());
      assertTrue(ready.has("STATUS=1 pipeline(s), 0 inferences, broker connected, outbox 0")
          || ready.text().contains("STATUS=1 pipeline(s), "), ready.text());
      try (TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/status")) {
        assertTrue(sub.awaitTopic("edgeinfer/" + DEVICE + "/status", Duration.ofSeconds(5)).retained(),
            "at READY=1 the broker already holds the retained status");
      }

      long stallSeen = awaitLog(daemon, "stalled after window " + STALL_AFTER);
      List<Long> before = systemd.messages().stream().filter(m -> isPing(m) && m.nanos() <= stallSeen)
          .map(NotifyReceiver.Message::nanos).toList();
      assertTrue(before.size() >= 4, "pings before the stall: " + systemd.messages());
      long previous = ready.nanos();
      for (long ping : before) {
        assertTrue(ping - previous < INTERVAL_MS * 1_000_000, "a gap between pings under WatchdogSec: "
            + (ping - previous) / 1_000_000 + " ms");
        previous = ping;
      }

      // The last beat may be at most one interval old when a round checks it; after that, silence.
      systemd.await(m -> m.has("STATUS=stuck: pipeline vibration"), Duration.ofMillis(3 * INTERVAL_MS), "stuck status");
      long quietFrom = stallSeen + (INTERVAL_MS + 500) * 1_000_000;
      Thread.sleep(Math.max(0, (quietFrom - System.nanoTime()) / 1_000_000) + 2 * INTERVAL_MS);
      List<NotifyReceiver.Message> late = systemd.messages().stream()
          .filter(m -> isPing(m) && m.nanos() > quietFrom).toList();
      assertEquals(List.of(), late, "no pings once the loop is stuck");

      daemon.terminate();
      systemd.await(m -> m.has("STOPPING=1"), Duration.ofSeconds(10), "STOPPING=1");
      assertEquals(0, daemon.waitFor(15), "exit status after SIGTERM; log:\n" + daemon.log());
    }
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isEmpty()).toList();
    assertTrue(lines.contains("<4>dev.edgeinfer.pipeline.StallForTests: pipelines.vibration: stalled after window "
        + STALL_AFTER + " (edgeinfer.test.stallPipelineAfter, tests only)"), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("<3>dev.edgeinfer.systemd.LoopWatchdog: pipeline loop(s) "
        + "vibration made no progress")), String.join("\n", lines));
    // Native TensorFlow Lite writes its own "INFO: ..." lines to stderr; the journal files them at its default priority.
    List<String> ours = lines.stream().filter(l -> !l.startsWith("INFO: ")).toList();
    assertTrue(ours.size() >= 3, String.join("\n", lines));
    for (String line : ours) {
      assertTrue(line.matches("<[0-7]>[^0-9].*"), "journal line with a priority and no timestamp: " + line);
    }
  }

  @Test
  void abstractSocket_readyPingsAndStopping_andLogKeepsTimestampsWithoutJournal() throws Exception {
    Path log = tmp.resolve("daemon.log");
    String name = "@edgeinfer-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    try (MosquittoBroker broker = MosquittoBroker.start();
        NotifyReceiver systemd = NotifyReceiver.bind(name);
        DaemonProcess daemon = start(broker, log,
            Map.of("NOTIFY_SOCKET", name, "WATCHDOG_USEC", Long.toString(INTERVAL_MS * 1000)), List.of())) {
      systemd.await(SystemdNotifyIT::isReady, WAIT, "READY=1; log:\n" + daemon.log());
      systemd.await(SystemdNotifyIT::isPing, Duration.ofMillis(INTERVAL_MS), "first ping");
      systemd.await(SystemdNotifyIT::isPing, Duration.ofMillis(INTERVAL_MS), "second ping");
      daemon.terminate();
      systemd.await(m -> m.has("STOPPING=1"), Duration.ofSeconds(10), "STOPPING=1");
      assertEquals(0, daemon.waitFor(15), "exit status after SIGTERM; log:\n" + daemon.log());
    }
    String first = Files.readAllLines(log).stream().filter(l -> l.contains("dev.edgeinfer.")).findFirst().orElseThrow();
    assertTrue(first.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO dev\\.edgeinfer\\..*"), first);
  }

  /** When the daemon's log first shows {@code text} ({@link System#nanoTime()}); it is there by then. */
  private static long awaitLog(DaemonProcess daemon, String text) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (daemon.log().contains(text)) {
        return System.nanoTime();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("log never showed '" + text + "':\n" + daemon.log());
  }
}
