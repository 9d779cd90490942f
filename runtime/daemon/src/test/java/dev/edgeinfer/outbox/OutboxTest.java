package dev.edgeinfer.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.config.MqttConfig;
import dev.edgeinfer.config.OutboxConfig;
import dev.edgeinfer.config.OutboxConfig.DrainOrder;
import dev.edgeinfer.config.OutboxConfig.Overflow;
import dev.edgeinfer.outbox.OutboxDatabase.Entry;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.Publishers;
import dev.edgeinfer.publish.SequenceStore;
import dev.edgeinfer.publish.Topics;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against a real SQLite file and a real Mosquitto. */
class OutboxTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path state;

  static OutboxConfig config(long maxMessages, long maxBytes, Overflow overflow, DrainOrder order) {
    return new OutboxConfig(maxMessages, maxBytes, overflow, 20, order, true);
  }

  static Publisher publisher(String url, String device, int qos) throws Exception {
    MqttConfig mqtt = new MqttConfig(url, 0, "test-" + UUID.randomUUID(), "edgeinfer", qos, Optional.empty(),
        Optional.empty(), 60, 10);
    return Publishers.open(mqtt, new Topics("edgeinfer", device, List.of()), url);
  }

  static byte[] payload(String pipeline, long seq, int padTo) {
    StringBuilder s = new StringBuilder("{\"pipeline\":\"" + pipeline + "\",\"seq\":" + seq + ",\"pad\":\"");
    while (s.length() < padTo - 2) {
      s.append('x');
    }
    return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Enqueues {@code count} results of {@code pipeline} with seq from its store, QoS 1. */
  static void produce(Outbox outbox, String device, String pipeline, int count, int size) throws Exception {
    SequenceStore seq = outbox.sequence(pipeline);
    for (int i = 0; i < count; i++) {
      long s = seq.next();
      outbox.enqueue(pipeline, s, "edgeinfer/" + device + "/inference/" + pipeline, 1, payload(pipeline, s, size));
    }
  }

  static List<Long> seqs(List<TestSubscriber.Received> got, String pipeline) throws Exception {
    List<Long> out = new ArrayList<>();
    for (TestSubscriber.Received r : got) {
      JsonNode n = JSON.readTree(r.payload());
      if (n.get("pipeline").asText().equals(pipeline)) {
        out.add(n.get("seq").asLong());
      }
    }
    return out;
  }

  static List<TestSubscriber.Received> receive(TestSubscriber sub, String filterPrefix, int count) {
    List<TestSubscriber.Received> got = new ArrayList<>();
    while (got.size() < count) {
      got.add(sub.awaitMatching(m -> m.topic().startsWith(filterPrefix), WAIT, "result " + (got.size() + 1) + " of " + count));
    }
    return got;
  }

  @Test
  void results_arriveInOrderPerPipeline_andAreDeletedOnAck() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/ob1/inference/#");
        Publisher pub = publisher(broker.url(), "ob1", 1)) {
      pub.start(10_000);
      Outbox outbox = Outbox.open(state, config(1_000_000, 1L << 30, Overflow.DROP_OLDEST, DrainOrder.OLDEST_FIRST));
      outbox.start(pub);
      Thread a = new Thread(() -> run(() -> produce(outbox, "ob1", "a", 600, 120)));
      Thread b = new Thread(() -> run(() -> produce(outbox, "ob1", "b", 400, 300)));
      a.start();
      b.start();
      a.join();
      b.join();
      List<TestSubscriber.Received> got = receive(sub, "edgeinfer/ob1/inference/", 1000);
      assertEquals(LongStream.rangeClosed(1, 600).boxed().toList(), seqs(got, "a"));
      assertEquals(LongStream.rangeClosed(1, 400).boxed().toList(), seqs(got, "b"));
      assertTrue(outbox.awaitEmpty(10_000), "acknowledged rows are deleted: " + outbox.stats());
      assertEquals(0, outbox.stats().dropped());
      outbox.close(1_000);
    }
  }

  @Test
  void brokerDown_dropOldest_stopsAtLimit_countsDrops_deliversTheRestInOrder() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      String url = broker.url();
      broker.stop(); // down before the daemon ever reaches it
      try (Publisher pub = publisher(url, "ob2", 1)) {
        // 100 messages or 20,000 bytes (200-byte payloads: also 100), whichever is hit first.
        Outbox outbox = Outbox.open(state, config(100, 20_000, Overflow.DROP_OLDEST, DrainOrder.OLDEST_FIRST));
        outbox.start(pub);
        produce(outbox, "ob2", "p", 350, 200);
        awaitCommitted(outbox, 350);
        assertEquals(100, outbox.stats().depth());
        assertEquals(20_000, outbox.stats().bytes());
        assertEquals(250, outbox.stats().dropped());

        broker.startAgain();
        try (TestSubscriber sub = TestSubscriber.connect(url, "edgeinfer/ob2/inference/#")) {
          pub.start(10_000);
          List<TestSubscriber.Received> got = receive(sub, "edgeinfer/ob2/inference/", 100);
          assertEquals(LongStream.rangeClosed(251, 350).boxed().toList(), seqs(got, "p"));
          assertTrue(outbox.awaitEmpty(10_000));
          sub.assertNothingWithin(Duration.ofMillis(300));
        }
        outbox.close(1_000);
      }
    }
  }

  @Test
  void brokerDown_dropNewest_keepsTheFirst_andByteLimitCounts() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      String url = broker.url();
      broker.stop();
      try (Publisher pub = publisher(url, "ob3", 1)) {
        // The byte limit (60 x 500 bytes) binds before the message limit (1000).
        Outbox outbox = Outbox.open(state, config(1_000, 30_000, Overflow.DROP_NEWEST, DrainOrder.OLDEST_FIRST));
        outbox.start(pub);
        produce(outbox, "ob3", "p", 200, 500);
        awaitCommitted(outbox, 200);
        assertEquals(60, outbox.stats().depth());
        assertEquals(140, outbox.stats().dropped());
        broker.startAgain();
        try (TestSubscriber sub = TestSubscriber.connect(url, "edgeinfer/ob3/inference/#")) {
          pub.start(10_000);
          List<TestSubscriber.Received> got = receive(sub, "edgeinfer/ob3/inference/", 60);
          assertEquals(LongStream.rangeClosed(1, 60).boxed().toList(), seqs(got, "p"));
        }
        outbox.close(1_000);
      }
    }
  }

  @Test
  void backlogFromEarlierRun_newResultsGoOutBeforeItIsDrained() throws Exception {
    backlogRun(DrainOrder.OLDEST_FIRST);
  }

  @Test
  void backlogFromEarlierRun_newestFirst() throws Exception {
    backlogRun(DrainOrder.NEWEST_FIRST);
  }

  private void backlogRun(DrainOrder order) throws Exception {
    int backlog = 20_000;
    prefill(state, "old", backlog, 7);
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/ob4/inference/#");
        Publisher pub = publisher(broker.url(), "ob4", 1)) {
      Outbox outbox = Outbox.open(state, config(1_000_000, 1L << 30, Overflow.DROP_OLDEST, order));
      assertEquals(backlog, outbox.stats().depth());
      assertEquals(backlog, outbox.sequence("old").last(), "seq of the earlier run is kept");
      pub.start(10_000);
      outbox.start(pub);
      produce(outbox, "ob4", "new", 5, 100);
      List<TestSubscriber.Received> got = receive(sub, "edgeinfer/ob4/inference/", backlog + 5);
      List<Long> old = seqs(got, "old");
      List<Long> fresh = seqs(got, "new");
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), fresh);
      List<Long> expectedOld = LongStream.rangeClosed(1, backlog).boxed().toList();
      if (order == DrainOrder.NEWEST_FIRST) {
        expectedOld = new ArrayList<>(expectedOld);
        java.util.Collections.reverse(expectedOld);
      }
      assertEquals(expectedOld, old);
      int lastNew = lastIndexOf(got, "new");
      assertTrue(lastNew < backlog / 2, "all 5 new results arrived among the first half of the backlog (index "
          + lastNew + " of " + got.size() + ")");
      assertTrue(outbox.awaitEmpty(10_000));
      assertTrue(outbox.stats().backlogDone());
      outbox.close(1_000);
    }
  }

  private static int lastIndexOf(List<TestSubscriber.Received> got, String pipeline) throws Exception {
    int last = -1;
    for (int i = 0; i < got.size(); i++) {
      if (JSON.readTree(got.get(i).payload()).get("pipeline").asText().equals(pipeline)) {
        last = i;
      }
    }
    return last;
  }

  /** Writes {@code count} committed results of {@code pipeline} the way a run that never reached its broker leaves them. */
  static void prefill(Path state, String pipeline, int count, long seed) throws Exception {
    Random random = new Random(seed);
    try (OutboxDatabase db = OutboxDatabase.open(state)) {
      OutboxDatabase.Meta meta = db.readMeta();
      long id = meta.nextId();
      long bytes = meta.bytes();
      for (int i = 1; i <= count; i++) {
        byte[] p = payload(pipeline, i, 80 + random.nextInt(200));
        db.insert(id++, new Entry(pipeline, i, "edgeinfer/ob4/inference/" + pipeline, 1, p, 0));
        bytes += p.length;
      }
      db.flushInserts();
      db.putSeq(pipeline, count);
      db.putMeta(meta.count() + count, bytes, meta.dropped(), id);
      db.commit();
    }
  }

  @Test
  void nothingConnected_commitsStillHappen_andSeqSurvivesReopen() throws Exception {
    try (Publisher pub = publisher("tcp://127.0.0.1:" + MosquittoBroker.freePort(), "ob5", 1)) {
      Outbox outbox = Outbox.open(state, config(1_000, 1L << 20, Overflow.DROP_OLDEST, DrainOrder.OLDEST_FIRST));
      outbox.start(pub);
      produce(outbox, "ob5", "p", 10, 100);
      awaitCommitted(outbox, 10);
      assertFalse(pub.isConnected());
      outbox.close(0);
    }
    Outbox again = Outbox.open(state, config(1_000, 1L << 20, Overflow.DROP_OLDEST, DrainOrder.OLDEST_FIRST));
    assertEquals(10, again.stats().depth());
    assertEquals(11, again.sequence("p").next());
    again.close(0);
  }

  /** Waits until {@code expected} results have gone through commits (kept or dropped). */
  static void awaitCommitted(Outbox outbox, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      OutboxStats s = outbox.stats();
      if (outbox.intakeEmpty() && s.depth() + s.dropped() >= expected) {
        return;
      }
      Thread.sleep(10); // the committer runs on its own thread; nothing to wait on from here
    }
    throw new AssertionError("not committed within " + WAIT + ": " + outbox.stats());
  }

  private interface Body {
    void run() throws Exception;
  }

  private static void run(Body body) {
    try {
      body.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
