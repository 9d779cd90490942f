package dev.edgeinfer.outbox;

import dev.edgeinfer.bench.BenchSubscriber;
import dev.edgeinfer.config.MqttConfig;
import dev.edgeinfer.config.OutboxConfig;
import dev.edgeinfer.outbox.OutboxDatabase.Entry;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.Publishers;
import dev.edgeinfer.publish.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code edgeinfer bench outbox}: how fast results go into the SQLite outbox at each commit
 * interval (no broker: nothing leaves, so this is the write path alone), and how long a start
 * with a million results waiting takes until a new result reaches a subscriber on {@code
 * broker}. In the outbox package because it fills the database directly, as a long outage would.
 */
public final class OutboxBenchmark {
  private static final int PAYLOAD = 330; // the size of a demo result's JSON

  private OutboxBenchmark() {}

  /** Results per second through enqueue and commit, one producer thread, per commit interval. */
  public static void writeThroughput(PrintStream out, Path workDir, int results, int[] intervals) throws Exception {
    byte[] payload = payload(0);
    for (int interval : intervals) {
      Path dir = Files.createTempDirectory(workDir, "outbox-write");
      try (Publisher offline = offlinePublisher()) {
        OutboxConfig config = new OutboxConfig(10_000_000, 1L << 40, OutboxConfig.Overflow.DROP_OLDEST, interval,
            OutboxConfig.DrainOrder.OLDEST_FIRST, true);
        Outbox outbox = Outbox.open(dir, config);
        outbox.start(offline);
        long t0 = System.nanoTime();
        for (int i = 1; i <= results; i++) {
          outbox.enqueue("bench", i, "edgeinfer/bench/inference/bench", 1, payload);
        }
        while (!outbox.intakeEmpty() || outbox.stats().depth() < results) {
          Thread.sleep(1); // waiting for the committer thread to report the last commit
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long commits = outbox.stats().commits();
        outbox.close(0);
        long fileBytes = Files.size(dir.resolve(OutboxDatabase.FILE_NAME));
        out.printf(Locale.ROOT, "outbox write: commitIntervalMillis %4d: %,9.0f results/s as fast as they come, %,6d"
            + " commits (%,.0f results per commit), database %,d bytes for %,d results%n", interval, results / seconds,
            commits, (double) results / commits, fileBytes, results);
      } finally {
        deleteTree(dir);
      }
      paced(out, workDir, interval, 250, 500, 4);
    }
    paced(out, workDir, 0, 0, 500, 4);
  }

  /** Commits per second when results come at {@code rate} a second, as from a pipeline: what the SD card sees. */
  private static void paced(PrintStream out, Path workDir, int interval, int sync, int rate, int seconds)
      throws Exception {
    Path dir = Files.createTempDirectory(workDir, "outbox-paced");
    try (Publisher offline = offlinePublisher()) {
      Outbox outbox = Outbox.open(dir, new OutboxConfig(10_000_000, 1L << 40, OutboxConfig.Overflow.DROP_OLDEST,
          interval, sync, OutboxConfig.DrainOrder.OLDEST_FIRST, true));
      outbox.start(offline);
      byte[] payload = payload(0);
      long period = 1_000_000_000L / rate;
      long next = System.nanoTime();
      long t0 = next;
      int n = rate * seconds;
      for (int i = 1; i <= n; i++) {
        while (System.nanoTime() < next) {
          Thread.onSpinWait(); // pacing finer than a sleep's timer allows
        }
        next += period;
        outbox.enqueue("bench", i, "edgeinfer/bench/inference/bench", 1, payload);
      }
      while (!outbox.intakeEmpty()) {
        Thread.sleep(1); // the last commit
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      long commits = outbox.stats().commits();
      long syncs = outbox.syncs();
      outbox.close(0);
      out.printf(Locale.ROOT, "outbox write: commitIntervalMillis %4d, syncIntervalMillis %3d, %d results/s: %.1f commits"
          + " per second (%.1f results each), %.1f fsyncs per second%n", interval, sync, rate, commits / elapsed,
          (double) n / commits, syncs / elapsed);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Fills an outbox with {@code backlog} results as a long outage leaves it, then measures a
   * start: open, connect, start, and the time until one new result reaches a subscriber, then the
   * backlog's drain rate for {@code drainSeconds}.
   */
  public static void backlogStartup(PrintStream out, Path workDir, String broker, int backlog, int drainSeconds)
      throws Exception {
    Path dir = Files.createTempDirectory(workDir, "outbox-backlog");
    try {
      long f0 = System.nanoTime();
      fill(dir, backlog);
      out.printf(Locale.ROOT, "outbox backlog: wrote %,d results (%,d bytes file) in %.1f s%n", backlog,
          Files.size(dir.resolve(OutboxDatabase.FILE_NAME)), (System.nanoTime() - f0) / 1e9);
      String topic = "edgeinfer/bench/inference/new";
      try (BenchSubscriber sub = BenchSubscriber.connect(broker, topic)) {
        long t0 = System.nanoTime();
        Outbox outbox = Outbox.open(dir, OutboxConfig.DEFAULTS);
        long opened = System.nanoTime();
        Publisher publisher = Publishers.open(mqtt(broker), new Topics("edgeinfer", "bench", List.of()), broker);
        publisher.start(10_000);
        long connected = System.nanoTime();
        outbox.start(publisher);
        long seq = outbox.sequence("new").next();
        outbox.enqueue("new", seq, topic, 1, payload(seq));
        CompletableFuture<Long> first = sub.first();
        long arrived = first.get(60, TimeUnit.SECONDS);
        out.printf(Locale.ROOT, "outbox backlog: start with %,d waiting: open %.0f ms, connect %.0f ms, first new result"
            + " at the subscriber %.0f ms after open began (goal <= 2000 ms: %s)%n", outbox.stats().depth(),
            (opened - t0) / 1e6, (connected - opened) / 1e6, (arrived - t0) / 1e6,
            arrived - t0 <= 2_000_000_000L ? "met" : "NOT met");
        long depth0 = outbox.stats().depth();
        Thread.sleep(drainSeconds * 1000L);
        long drained = depth0 - outbox.stats().depth();
        out.printf(Locale.ROOT, "outbox backlog: drained %,d results in %d s beside new results (%,.0f/s)%n", drained,
            drainSeconds, (double) drained / drainSeconds);
        outbox.close(0);
        publisher.close();
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void fill(Path dir, int count) throws Exception {
    Random random = new Random(1);
    try (OutboxDatabase db = OutboxDatabase.open(dir)) {
      long id = 1;
      long bytes = 0;
      for (int i = 1; i <= count; i++) {
        byte[] p = payload(i);
        p[p.length - 3] = (byte) ('a' + random.nextInt(26));
        db.insert(id++, new Entry("old", i, "edgeinfer/bench/inference/old", 1, p, 0));
        bytes += p.length;
        if (i % 50_000 == 0) {
          db.flushInserts();
        }
      }
      db.flushInserts();
      db.putSeq("old", count);
      db.putMeta(count, bytes, 0, id);
      db.commit();
    }
  }

  static byte[] payload(long seq) {
    StringBuilder s = new StringBuilder("{\"device\":\"bench\",\"seq\":").append(seq).append(",\"pad\":\"");
    while (s.length() < PAYLOAD - 2) {
      s.append('x');
    }
    return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A publisher pointed at a port where nothing listens, never started: the outbox commits, nothing leaves. */
  private static Publisher offlinePublisher() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "tcp://127.0.0.1:" + port;
    return Publishers.open(mqtt(url), new Topics("edgeinfer", "bench", List.of()), url);
  }

  static MqttConfig mqtt(String url) {
    return new MqttConfig(url, 0, "bench-" + UUID.randomUUID(), "edgeinfer", 1, Optional.empty(), Optional.empty(), 60,
        30);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
