package dev.edgeinfer.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.testing.DaemonProcess;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.OutboxFile;
import dev.edgeinfer.testing.ResultLog;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a process streaming 22,000 results at QoS 1 (500 a second, from a recording)
 * through a Mosquitto with persistence that is restarted 20 times with SIGTERM and then killed
 * 10 times with SIGKILL, to a subscriber with a persistent session.
 *
 * <p>SIGTERM phase: every seq arrives, first arrivals in order; duplicates are counted (QoS 1
 * re-sends what was in flight). SIGKILL phase: a broker killed after acknowledging a message and
 * before saving it loses it, and no publisher can save that: such losses are counted apart, and
 * each must lie within a few seconds before a kill. Either way the daemon reconnects every time
 * (31 connects in its log), the outbox drains to empty, and a command is answered after the last
 * restart (the subscriptions were renewed).
 */
class BrokerRestartIT {
  private static final String DEVICE = "it-br";
  private static final int RESULTS = 22_000;
  private static final long SEED = 20_251_127L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void brokerRestartsAndKills_everySeqArrives_outboxDrains() throws Exception {
    Path csv = ItFiles.replayCsv(tmp.resolve("motor.csv"), RESULTS, 32);
    Path state = tmp.resolve("state");
    Random random = new Random(SEED);
    String inference = "edgeinfer/" + DEVICE + "/inference/vibration";
    try (MosquittoBroker broker = MosquittoBroker.startPersistent()) {
      Path config = ItFiles.replayConfig(tmp.resolve("it.yaml"), DEVICE, broker.url(), state, csv, 1);
      String availability = "edgeinfer/" + DEVICE + "/availability";
      try (TestSubscriber sub = TestSubscriber.connectPersistent(broker.url(), "it-br-consumer", inference, availability);
          DaemonProcess daemon = DaemonProcess.start(tmp.resolve("daemon.log"), "run", "--config", config.toString())) {
        ResultLog log = new ResultLog();
        TestSubscriber.Received first = sub.awaitTopic(inference, Duration.ofSeconds(60));
        long firstArrival = System.currentTimeMillis();
        log.add(first.payload());

        for (int i = 0; i < 20; i++) {
          collectFor(sub, log, 600 + random.nextInt(700));
          broker.restart(); // SIGTERM: the broker saves its sessions and queues
          awaitOnline(sub, log, daemon);
        }
        long sigkillPhaseFrom = log.maxSeq() + 1;
        List<Long> kills = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          collectFor(sub, log, 600 + random.nextInt(700));
          kills.add(System.currentTimeMillis());
          broker.kill();
          broker.startAgain();
          awaitOnline(sub, log, daemon);
        }

        // The recording ends; wait for the daemon to report its outbox empty, and for the stream to end.
        JsonNode status = awaitDrained(broker.url(), sub, log, daemon);
        assertEquals(RESULTS, status.at("/pipelines/vibration/lastSeq").asLong(), status.toString());
        collectFor(sub, log, 1_000);

        // SIGTERM phase: nothing missing. Both phases: first arrivals in order, no seq with two results.
        TreeSet<Long> missing = log.missing(RESULTS);
        TreeSet<Long> missingBeforeKills = new TreeSet<>(missing.headSet(sigkillPhaseFrom));
        assertEquals(new TreeSet<Long>(), missingBeforeKills, "lost while the broker was restarted with SIGTERM");
        assertEquals(List.of(), log.outOfOrder(), "first arrivals in seq order");
        assertEquals(List.of(), log.conflicts());

        // SIGKILL phase: whatever is missing was produced just before a kill (acknowledged, not yet saved).
        long playbackStart = firstArrival - ItFiles.windowOffsetMillis(1, 32);
        List<String> unexplained = new ArrayList<>();
        for (long seq : missing) {
          long produced = playbackStart + ItFiles.windowOffsetMillis(seq, 32);
          boolean nearKill = kills.stream().anyMatch(k -> produced >= k - 3_000 && produced <= k + 500);
          if (!nearKill) {
            unexplained.add(seq + " (produced " + (produced - playbackStart) + " ms into the stream)");
          }
        }
        assertEquals(List.of(), unexplained, "missing seqs that no broker kill explains");
        System.out.printf("broker restarts: %d results, %d duplicates (QoS 1 re-sends), %d lost by killed brokers"
            + " (acknowledged, not yet saved) in %d kills%n", RESULTS, log.duplicates(), missing.size(), kills.size());

        // Resubscribed after the last restart: a command is answered.
        try (TestSubscriber user = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/cmd/ping/reply")) {
          user.publish("edgeinfer/" + DEVICE + "/cmd/ping", "{\"requestId\":\"after-restarts\"}");
          JsonNode reply = JSON.readTree(user.awaitTopic("edgeinfer/" + DEVICE + "/cmd/ping/reply", Duration.ofSeconds(10)).payload());
          assertTrue(reply.get("ok").asBoolean(), reply.toString());
        }

        daemon.terminate();
        assertEquals(0, daemon.waitFor(10), daemon.log());
        String daemonLog = daemon.log();
        assertEquals(31, daemonLog.lines().filter(l -> l.contains("MQTT connected to")).count(),
            "one connect at start and one after each of the 30 restarts; log:\n" + daemonLog);
        assertEquals(0, OutboxFile.depth(state));
        assertEquals(RESULTS, OutboxFile.seq(state, "vibration"));
      }
    }
  }

  /** Moves the results the subscriber received into {@code log} for {@code millis}; returns how many "online" came meanwhile. */
  static int collectFor(TestSubscriber sub, ResultLog log, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    int online = 0;
    do {
      for (TestSubscriber.Received r : sub.drain()) {
        if (r.topic().endsWith("/availability")) {
          online += r.text().equals("online") ? 1 : 0;
        } else {
          log.add(r.payload());
        }
      }
      Thread.sleep(20); // the test thread also drives the broker; polling the queue keeps it simple
    } while (System.currentTimeMillis() < deadline);
    return online;
  }

  /** Collects until the daemon announces itself online again (it reconnected), at most 60 s. */
  static void awaitOnline(TestSubscriber sub, ResultLog log, DaemonProcess daemon) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (collectFor(sub, log, 0) == 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the daemon did not reconnect within 60 s; log:\n" + daemon.log());
      }
    }
  }

  /** Polls the retained status until the stream is over and the outbox is empty, collecting meanwhile. */
  static JsonNode awaitDrained(String url, TestSubscriber sub, ResultLog log, DaemonProcess daemon) throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    JsonNode last = null;
    while (System.currentTimeMillis() < deadline) {
      collectFor(sub, log, 500);
      try (TestSubscriber s = TestSubscriber.connect(url, "edgeinfer/" + DEVICE + "/status")) {
        last = JSON.readTree(s.awaitTopic("edgeinfer/" + DEVICE + "/status", Duration.ofSeconds(10)).payload());
      }
      if (last.at("/pipelines/vibration/lastSeq").asLong() == RESULTS && last.at("/outbox/depth").asLong() == 0
          && last.at("/outbox/inFlight").asLong() == 0) {
        return last;
      }
    }
    throw new AssertionError("outbox not drained within 180 s; last status " + last + "\nlog:\n" + daemon.log());
  }
}
