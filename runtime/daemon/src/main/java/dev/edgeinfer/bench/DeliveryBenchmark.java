package dev.edgeinfer.bench;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.config.MqttConfig;
import dev.edgeinfer.config.OutboxConfig;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.outbox.Outbox;
import dev.edgeinfer.pipeline.InferenceResult;
import dev.edgeinfer.pipeline.OutputDecoder;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.Publishers;
import dev.edgeinfer.publish.ResultPayload;
import dev.edgeinfer.publish.Topics;
import dev.edgeinfer.system.LatencyStats;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code edgeinfer bench delivery}: the path from a finished window to a subscriber on a loopback
 * broker, with the demo's tiny INT8 model. Each result is an inference (the window is complete
 * when it starts), a decoded output, the contract's JSON, the outbox, the broker and a Paho
 * subscriber in this same process (one clock).
 *
 * <ul>
 *   <li>latency: 200 results a second, p50/p99 from inference start to arrival, at QoS 1 through
 *       the outbox, per commit interval;
 *   <li>throughput: results as fast as one pipeline thread makes them, until the subscriber has
 *       them all: QoS 0 (bypassing the outbox) and QoS 1 through the outbox.
 * </ul>
 */
public final class DeliveryBenchmark {
  private static final String DEVICE = "bench";
  /** Results sent before measuring: the JIT, the broker's and the subscriber's first messages. */
  private static final int WARMUP = 500;

  private final Path workDir;
  private final String broker;
  private final InferenceEngine engine;
  private final OutputDecoder decoder;
  private final Random random = new Random(7);
  private final int syncIntervalMillis;

  private DeliveryBenchmark(Path workDir, String broker, InferenceEngine engine, int syncIntervalMillis) {
    this.syncIntervalMillis = syncIntervalMillis;
    this.workDir = workDir;
    this.broker = broker;
    this.engine = engine;
    this.decoder = new OutputDecoder(engine.outputs().get(0));
  }

  public static void run(PrintStream out, Path workDir, String broker, Path model, int latencyResults,
      int throughputResults, int[] intervals, int syncIntervalMillis) throws Exception {
    try (InferenceEngine engine = Engines.open(model, Engines.Options.of(EngineKind.AUTO, 1))) {
      DeliveryBenchmark b = new DeliveryBenchmark(workDir, broker, engine, syncIntervalMillis);
      for (int interval : intervals) {
        b.latency(out, interval, latencyResults);
      }
      b.throughput(out, 0, 100, throughputResults * 2);
      for (int interval : intervals) {
        b.throughput(out, 1, interval, throughputResults);
      }
    }
  }

  private void latency(PrintStream out, int interval, int count) throws Exception {
    String topic = "edgeinfer/" + DEVICE + "/inference/latency" + interval;
    Map<Long, Long> started = new ConcurrentHashMap<>();
    long[] latencies = new long[count];
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    Path dir = Files.createTempDirectory(workDir, "delivery");
    try (BenchSubscriber sub = BenchSubscriber.connect(broker, topic); Publisher pub = publisher(1)) {
      sub.onPayload((payload, at) -> {
        long seq = seqOf(payload);
        Long t0 = started.remove(seq);
        if (t0 != null && seq > WARMUP) {
          int i = n.getAndIncrement();
          if (i < count) {
            latencies[i] = at - t0;
          }
        }
      });
      pub.start(10_000);
      Outbox outbox = Outbox.open(dir, config(interval));
      outbox.start(pub);
      long periodNanos = 5_000_000L; // 200 results a second
      long next = System.nanoTime();
      for (long seq = 1; seq <= count + WARMUP; seq++) {
        while (System.nanoTime() < next) {
          Thread.onSpinWait(); // pacing to 5 ms without a sleep's coarse timer
        }
        next += periodNanos;
        long t0 = System.nanoTime();
        started.put(seq, t0);
        outbox.enqueue("latency", seq, topic, 1, result(seq, t0));
      }
      awaitCount(sub, count + WARMUP, 60_000);
      outbox.close(2_000);
      LatencyStats s = LatencyStats.ofNanos(latencies, Math.min(count, n.get()));
      long[] sorted = java.util.Arrays.copyOf(latencies, s.count());
      java.util.Arrays.sort(sorted);
      out.printf(Locale.ROOT, "delivery latency QoS 1 through the outbox, commitIntervalMillis %4d, syncIntervalMillis %d: window complete ->"
          + " subscriber p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d results after %d warm-up; goal p99 <= 5 ms: %s)%n",
          interval, syncIntervalMillis, s.medianMs(), s.p99Ms(), sorted[sorted.length - 1] / 1e6, s.count(), WARMUP,
          s.p99Ms() <= 5 ? "met" : "NOT met");
    } finally {
      deleteTree(dir);
    }
  }

  private void throughput(PrintStream out, int qos, int interval, int count) throws Exception {
    String topic = "edgeinfer/" + DEVICE + "/inference/throughput" + qos + "_" + interval;
    Path dir = Files.createTempDirectory(workDir, "delivery");
    try (BenchSubscriber sub = BenchSubscriber.connect(broker, topic); Publisher pub = publisher(qos)) {
      pub.start(10_000);
      Outbox outbox = Outbox.open(dir, config(interval));
      outbox.start(pub);
      long t0 = System.nanoTime();
      for (long seq = 1; seq <= count; seq++) {
        outbox.enqueue("throughput", seq, topic, qos, result(seq, System.nanoTime()));
      }
      long produced = System.nanoTime();
      boolean all = awaitCount(sub, count, 120_000);
      long end = System.nanoTime();
      double rate = sub.received() / ((end - t0) / 1e9);
      double goal = qos == 0 ? 10_000 : 3_000;
      out.printf(Locale.ROOT, "delivery throughput QoS %d%s: %,d results made in %.2f s, %,d received in %.2f s:"
          + " %,.0f results/s (goal >= %,.0f: %s)%s%n", qos,
          qos == 0 ? " (bypassing the outbox)" : " through the outbox, commitIntervalMillis " + interval, count,
          (produced - t0) / 1e9, sub.received(), (end - t0) / 1e9, rate, goal, rate >= goal ? "met" : "NOT met",
          all ? "" : " (not all arrived: QoS 0 may drop)");
      outbox.close(2_000);
    } finally {
      deleteTree(dir);
    }
  }

  /** One inference on random input and its payload; {@code windowNanos} only seeds nothing, it is the caller's clock. */
  private byte[] result(long seq, long windowNanos) {
    ByteBuffer in = engine.input(0);
    in.clear();
    while (in.hasRemaining()) {
      in.put((byte) random.nextInt(256));
    }
    long start = System.nanoTime();
    engine.invoke();
    long latency = System.nanoTime() - start;
    float[] scores = decoder.decode(engine.output(0));
    int top = 0;
    for (int i = 1; i < scores.length; i++) {
      top = scores[i] > scores[top] ? i : top;
    }
    Map<String, Double> named = new java.util.LinkedHashMap<>();
    for (int i = 0; i < scores.length; i++) {
      named.put("class" + i, (double) scores[i]);
    }
    return ResultPayload.encode(DEVICE, new InferenceResult("bench", seq, System.currentTimeMillis(), "vibration", "1",
        "int8", engine.kind(), latency / 1e6, "class" + top, scores[top], named, null));
  }

  private static long seqOf(byte[] payload) {
    String s = new String(payload, StandardCharsets.UTF_8);
    int i = s.indexOf("\"seq\":") + 6;
    int j = i;
    while (j < s.length() && Character.isDigit(s.charAt(j))) {
      j++;
    }
    return Long.parseLong(s.substring(i, j));
  }

  private static boolean awaitCount(BenchSubscriber sub, long count, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    long last = -1;
    long lastChange = System.currentTimeMillis();
    while (sub.received() < count && System.currentTimeMillis() < deadline) {
      if (sub.received() != last) {
        last = sub.received();
        lastChange = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - lastChange > 5_000) {
        return false; // nothing more is coming (QoS 0 losses)
      }
      Thread.sleep(1); // the subscriber counts on Paho's thread
    }
    return sub.received() >= count;
  }

  private OutboxConfig config(int interval) {
    return new OutboxConfig(10_000_000, 1L << 40, OutboxConfig.Overflow.DROP_OLDEST, interval, syncIntervalMillis,
        OutboxConfig.DrainOrder.OLDEST_FIRST, true);
  }

  private Publisher publisher(int qos) throws Exception {
    MqttConfig mqtt = new MqttConfig(broker, 0, "bench-" + UUID.randomUUID(), "edgeinfer", qos, Optional.empty(),
        Optional.empty(), 60, 30);
    return Publishers.open(mqtt, new Topics("edgeinfer", DEVICE, List.of()), broker);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
