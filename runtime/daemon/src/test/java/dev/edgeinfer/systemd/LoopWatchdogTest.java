package dev.edgeinfer.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.pipeline.Heartbeat;
import dev.edgeinfer.testing.NotifyReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rounds of the watchdog on a hand-moved clock, its pings received on a real socket. */
class LoopWatchdogTest {
  private static final long MS = 1_000_000;
  private static final Duration INTERVAL = Duration.ofMillis(1000);

  @TempDir
  Path tmp;

  private final AtomicLong now = new AtomicLong(0);
  private final Heartbeat fast = new Heartbeat(now::get);
  private final Heartbeat slow = new Heartbeat(now::get);

  private LoopWatchdog watchdog(SystemdNotifier notifier, ScheduledExecutorService unused) {
    Map<String, Heartbeat> beats = new LinkedHashMap<>();
    beats.put("fast", fast);
    beats.put("slow", slow);
    return new LoopWatchdog(notifier, INTERVAL, beats, now::get, unused);
  }

  @Test
  void check_pingsWhileEveryLoopBeats_andStopsWhenOneIsOverdue() throws Exception {
    ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
    try (NotifyReceiver r = NotifyReceiver.bind(tmp.resolve("notify").toString());
        SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", r.address()))) {
      LoopWatchdog w = watchdog(n, unused);
      fast.beat(10);
      slow.beat(5_000); // e.g. a retry pause of 5 s: not overdue while it lasts
      assertTrue(w.check());
      now.set(4_000 * MS);
      fast.beat(10);
      assertTrue(w.check(), "the slow loop promised to beat within 5 s");
      now.set(6_001 * MS);
      fast.beat(10);
      assertFalse(w.check(), "slow is 5 s + 1 s grace + 1 ms late");
      assertEquals("WATCHDOG=1\n", r.await(m -> true, Duration.ofSeconds(5), "ping 1").text());
      assertEquals("WATCHDOG=1\n", r.await(m -> true, Duration.ofSeconds(5), "ping 2").text());
      assertEquals("STATUS=stuck: pipeline slow\n", r.await(m -> true, Duration.ofSeconds(5), "status").text());
      slow.beat(10);
      assertTrue(w.check(), "pings resume once the loop beats again");
      assertEquals("WATCHDOG=1\n", r.await(m -> true, Duration.ofSeconds(5), "ping 3").text());
    } finally {
      unused.shutdownNow();
    }
  }

  @Test
  void check_finishedLoop_isNotOverdue_butOneThatNeverFinishesIs() {
    LoopWatchdog w = watchdog(SystemdNotifier.NONE, null);
    fast.finish();
    now.set(1_000 * MS);
    assertTrue(w.check(), "1000 ms since the last beat is within the grace");
    now.set(1_001 * MS);
    assertFalse(w.check(), "slow never beat again");
    slow.finish();
    assertTrue(w.check(), "both loops ended normally");
  }
}
