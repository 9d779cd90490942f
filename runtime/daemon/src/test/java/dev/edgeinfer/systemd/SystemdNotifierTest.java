package dev.edgeinfer.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.NotifyReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier against a real Unix datagram socket, as systemd listens on one. */
class SystemdNotifierTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir
  Path tmp;

  @Test
  void fromEnvironment_withoutNotifySocket_isTheNoOp() {
    assertSame(SystemdNotifier.NONE, SystemdNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "1000000")));
    assertFalse(SystemdNotifier.NONE.enabled());
    SystemdNotifier.NONE.ready("ignored"); // and nothing throws
  }

  @Test
  void fromEnvironment_badAddress_isLoggedAndNotifiesNobody() {
    assertSame(SystemdNotifier.NONE, SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "relative")));
  }

  @Test
  void send_toAPathSocket_deliversEachMessageAsOneDatagram() throws Exception {
    try (NotifyReceiver r = NotifyReceiver.bind(tmp.resolve("notify").toString());
        SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", r.address()))) {
      n.ready("1 pipeline(s)");
      n.watchdog();
      n.stopping();
      assertEquals("READY=1\nSTATUS=1 pipeline(s)\n", r.await(m -> true, WAIT, "READY").text());
      assertEquals("WATCHDOG=1\n", r.await(m -> true, WAIT, "WATCHDOG").text());
      assertEquals("STOPPING=1\nSTATUS=stopping\n", r.await(m -> true, WAIT, "STOPPING").text());
      assertTrue(n.watchdogInterval().isEmpty(), "no WATCHDOG_USEC, no watchdog");
    }
  }

  @Test
  void send_toAnAbstractSocket_reachesIt() throws Exception {
    String name = "@edgeinfer-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    try (NotifyReceiver r = NotifyReceiver.bind(name);
        SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", name))) {
      n.status("hello");
      assertEquals("STATUS=hello\n", r.await(m -> true, WAIT, "STATUS").text());
    }
  }

  @Test
  void send_withNobodyListening_doesNotThrow() {
    try (SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", tmp.resolve("gone").toString()))) {
      assertTrue(n.enabled());
      n.watchdog();
      n.watchdog();
    }
  }

  @Test
  void watchdog_readsWatchdogUsec_forThisPidOnly() {
    assertEquals(Optional.of(Duration.ofMillis(1500)), SystemdNotifier.watchdog(Map.of("WATCHDOG_USEC", "1500000"), 7));
    assertEquals(Optional.of(Duration.ofSeconds(30)),
        SystemdNotifier.watchdog(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 7));
    assertEquals(Optional.empty(), SystemdNotifier.watchdog(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "8"), 7),
        "pings meant for another process");
    assertEquals(Optional.empty(), SystemdNotifier.watchdog(Map.of("WATCHDOG_USEC", "0"), 7));
    assertEquals(Optional.empty(), SystemdNotifier.watchdog(Map.of("WATCHDOG_USEC", "30s"), 7));
    assertEquals(Optional.empty(), SystemdNotifier.watchdog(Map.of(), 7));
  }
}
