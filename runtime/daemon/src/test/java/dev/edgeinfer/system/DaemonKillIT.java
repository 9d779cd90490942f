package dev.edgeinfer.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.DaemonProcess;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.OutboxFile;
import dev.edgeinfer.testing.ResultLog;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon killed with SIGKILL 20 times, at seeded random moments, while it streams 500 results
 * a second at QoS 1. After every restart, every seq that had entered the outbox (committed, read
 * from its SQLite file after the kill) reaches the subscriber; no seq ever stands for two
 * different results (a result is published only after its seq is committed, so a seq lost with
 * the process was never seen and may be used again).
 */
class DaemonKillIT {
  private static final String DEVICE = "it-kill";
  private static final long SEED = 42_2026L;

  @TempDir
  Path tmp;

  private DaemonProcess start(String url, Path state, int run) throws Exception {
    Path config = Conformance.repo().resolve("device-config/demo.yaml");
    return DaemonProcess.start(tmp.resolve("run" + run + ".log"), "run", "--config", config.toString(),
        "--set", "mqtt.broker=" + url, "--set", "device.id=" + DEVICE, "--set", "device.stateDir=" + state,
        "--set", "sensors.motor.rateHz=32000", "--set", "outbox.commitIntervalMillis=100");
  }

  @Test
  void daemonKilled20Times_noSeqThatEnteredTheOutboxIsMissing() throws Exception {
    Path state = tmp.resolve("state");
    Random random = new Random(SEED);
    String inference = "edgeinfer/" + DEVICE + "/inference/vibration";
    ResultLog log = new ResultLog();
    List<Long> committedAtKill = new ArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber sub = TestSubscriber.connect(broker.url(), inference)) {
      long committed = 0;
      for (int run = 0; run <= 20; run++) {
        try (DaemonProcess daemon = start(broker.url(), state, run)) {
          // Everything the killed run had committed arrives (re-sent from the outbox), then new results.
          awaitAll(sub, log, committed, daemon);
          long seen = log.maxSeq();
          awaitAbove(sub, log, seen, daemon);
          if (run == 20) {
            daemon.terminate();
            assertEquals(0, daemon.waitFor(10), daemon.log());
          } else {
            BrokerRestartIT.collectFor(sub, log, 200 + random.nextInt(1_800));
            daemon.kill();
            daemon.waitFor(10);
          }
        }
        committed = OutboxFile.seq(state, "vibration");
        committedAtKill.add(committed);
      }
      awaitAll(sub, log, committed, null);
      BrokerRestartIT.collectFor(sub, log, 500);
      assertEquals(new TreeSet<Long>(), log.missing(committed), "committed seqs never received");
      assertEquals(List.of(), log.conflicts(), "a seq stood for two different results");
      assertEquals(0, OutboxFile.depth(state), "a clean stop with the broker up leaves the outbox empty");
      assertTrue(committed > 1_000, "streamed " + committed);
      System.out.printf("daemon kills: 20 SIGKILLs, %d results committed, %d received twice (re-sent after a kill),"
          + " committed seq at each kill %s%n", committed, log.duplicates(), committedAtKill);
    }
  }

  private static void awaitAll(TestSubscriber sub, ResultLog log, long upTo, DaemonProcess daemon) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!log.missing(upTo).isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("seqs " + log.missing(upTo) + " (committed before a kill) not received; log:\n"
            + (daemon == null ? "" : daemon.log()));
      }
      BrokerRestartIT.collectFor(sub, log, 50);
    }
  }

  private static void awaitAbove(TestSubscriber sub, ResultLog log, long seq, DaemonProcess daemon) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (log.maxSeq() <= seq) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no new result after seq " + seq + "; log:\n" + daemon.log());
      }
      BrokerRestartIT.collectFor(sub, log, 50);
    }
  }
}
