package dev.edgeinfer.outbox;

import dev.edgeinfer.outbox.OutboxDatabase.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What waits in memory for the next commit: new results (from the pipeline threads), the highest
 * {@code seq} handed out per pipeline, and the ids the broker acknowledged (from the delivery).
 * The {@link Committer} takes it all at once, {@code commitIntervalMillis} after the first item
 * arrived.
 *
 * <p>Bounded: at {@link #MAX_ENTRIES} uncommitted results, {@link #add} blocks the pipeline
 * until a commit makes room (a stalled SD card slows the pipelines instead of filling the heap).
 *
 * <p>Thread-safe (one monitor).
 */
final class Intake {
  static final int MAX_ENTRIES = 65_536;

  private List<Entry> entries = new ArrayList<>();
  private Map<String, Long> seqs = new HashMap<>();
  private long[] ackIds = new long[64];
  private int[] ackBytes = new int[64];
  private int acks;
  private long firstArrivalNanos;
  private boolean flushNow;
  private boolean closing;

  /** Adds a result; blocks while {@link #MAX_ENTRIES} results wait for a commit. */
  synchronized void add(Entry e) throws InterruptedException {
    while (entries.size() >= MAX_ENTRIES) {
      wait();
    }
    entries.add(e);
    noteSeqLocked(e.pipeline(), e.seq());
    arrived();
  }

  /** A seq that must be committed though its result skips the outbox (QoS 0 bypass) or was not made. */
  synchronized void noteSeq(String pipeline, long seq) {
    noteSeqLocked(pipeline, seq);
    arrived();
  }

  private void noteSeqLocked(String pipeline, long seq) {
    seqs.merge(pipeline, seq, Math::max);
  }

  synchronized void ack(long id, int bytes) {
    if (acks == ackIds.length) {
      ackIds = java.util.Arrays.copyOf(ackIds, acks * 2);
      ackBytes = java.util.Arrays.copyOf(ackBytes, acks * 2);
    }
    ackIds[acks] = id;
    ackBytes[acks] = bytes;
    acks++;
    arrived();
  }

  private void arrived() {
    if (firstArrivalNanos == 0) {
      firstArrivalNanos = System.nanoTime();
      notifyAll();
    }
  }

  /** From now on every batch is taken at once, without waiting for the interval (shutdown). */
  synchronized void flushNow() {
    flushNow = true;
    notifyAll();
  }

  /** Wakes a waiting {@link #take} for good: it returns null once nothing is left. */
  synchronized void close() {
    closing = true;
    notifyAll();
  }

  synchronized boolean isEmpty() {
    return entries.isEmpty() && seqs.isEmpty() && acks == 0;
  }

  synchronized int pendingResults() {
    return entries.size();
  }

  /**
   * Waits for something to commit and then for the interval to pass since it arrived, and takes
   * everything; null when {@code maxWaitMillis} passed with nothing there.
   */
  synchronized Batch take(long intervalMillis, long maxWaitMillis) throws InterruptedException {
    long deadline = System.nanoTime() + maxWaitMillis * 1_000_000L;
    while (firstArrivalNanos == 0) {
      if (closing) {
        return null;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000L));
    }
    long due = firstArrivalNanos + intervalMillis * 1_000_000L;
    while (!flushNow) {
      long left = due - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000L)); // gathering a batch: the interval is the point
    }
    Batch b = new Batch(entries, seqs, java.util.Arrays.copyOf(ackIds, acks), java.util.Arrays.copyOf(ackBytes, acks));
    entries = new ArrayList<>();
    seqs = new HashMap<>();
    acks = 0;
    firstArrivalNanos = 0;
    notifyAll(); // room for blocked pipelines
    return b;
  }

  /** Puts back a batch whose commit failed, ahead of what came since, to be tried again. */
  synchronized void restore(Batch b) {
    List<Entry> merged = new ArrayList<>(b.entries());
    merged.addAll(entries);
    entries = merged;
    b.seqs().forEach(this::noteSeqLocked);
    for (int i = 0; i < b.ackIds().length; i++) {
      ack(b.ackIds()[i], b.ackBytes()[i]);
    }
    arrived();
  }

  record Batch(List<Entry> entries, Map<String, Long> seqs, long[] ackIds, int[] ackBytes) {}
}
