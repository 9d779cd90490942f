package dev.edgeinfer.outbox;

import dev.edgeinfer.config.OutboxConfig;
import dev.edgeinfer.outbox.OutboxDatabase.Entry;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * The outbox's one writer: takes a {@link Intake.Batch} every commit interval and applies it in
 * one SQLite transaction: acknowledged rows out, new results in (within the bounds, by the
 * overflow policy), the pipelines' seq, the counters. Only after the commit does the {@link
 * Delivery} learn of the new rows, so a result is never published before it is durable, and a
 * result and its seq are stored together or not at all.
 *
 * <p>A failed commit (disk full, I/O error) is rolled back, logged, and the same batch is tried
 * again a second later; the {@link Intake}'s bound then holds the pipelines back.
 *
 * <p>Owned by one thread ({@link #run}); the counters are published through volatile fields.
 */
final class Committer implements Runnable {
  private static final Logger LOG = Logger.getLogger(Committer.class.getName());
  private static final long RETRY_MILLIS = 1_000;
  private static final long IDLE_WAKE_MILLIS = 1_000;
  private static final long SLOW_COMMIT_MILLIS = 500;
  /**
   * Overflow drops in one commit at most: in steady overflow a commit drops what came in since
   * the last one; only a lowered limit leaves a large excess, and deleting it all at once would
   * hold back new results for seconds.
   */
  static final long MAX_DROP_PER_COMMIT = 20_000;

  private final OutboxDatabase db;
  private final OutboxConfig config;
  private final Intake intake;
  private final DropLog dropLog;
  private final LongConsumer committedUpTo;
  private final DeletedListener deleted;
  private volatile long count;
  private volatile long bytes;
  private volatile long dropped;
  private volatile long nextId;
  private volatile long commits;
  private volatile boolean stopping;
  private volatile boolean failing;

  /** Told which acknowledged ids are now gone from the database. */
  interface DeletedListener {
    void deleted(long[] ids);
  }

  Committer(OutboxDatabase db, OutboxConfig config, OutboxDatabase.Meta meta, Intake intake, DropLog dropLog,
      LongConsumer committedUpTo, DeletedListener deleted) {
    this.db = db;
    this.config = config;
    this.intake = intake;
    this.dropLog = dropLog;
    this.committedUpTo = committedUpTo;
    this.deleted = deleted;
    this.count = meta.count();
    this.bytes = meta.bytes();
    this.dropped = meta.dropped();
    this.nextId = meta.nextId();
  }

  @Override
  public void run() {
    while (true) {
      Intake.Batch batch;
      try {
        batch = intake.take(config.commitIntervalMillis(), IDLE_WAKE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (batch == null) {
        if (stopping) {
          return;
        }
        continue;
      }
      if (!commit(batch)) {
        intake.restore(batch);
        if (stopping) {
          return; // the disk refuses: what is left is lost with the process, as the docs say
        }
        sleep(RETRY_MILLIS);
      }
    }
  }

  /** Ends {@link #run} once the intake is empty (see {@link Intake#flushNow()}). */
  void stop() {
    stopping = true;
    intake.close();
  }

  /** One transaction; false (rolled back, counters unchanged) when SQLite refused it. */
  boolean commit(Intake.Batch b) {
    long started = System.nanoTime();
    long c = count;
    long by = bytes;
    long id = nextId;
    long droppedNow = 0;
    try {
      boolean[] gone = db.delete(b.ackIds());
      for (int i = 0; i < gone.length; i++) {
        if (gone[i]) {
          c--;
          by -= b.ackBytes()[i];
        }
      }
      for (Entry e : b.entries()) {
        int size = e.payload().length;
        if (config.overflow() == OutboxConfig.Overflow.DROP_NEWEST
            && (c + 1 > config.maxMessages() || by + size > config.maxBytes())) {
          droppedNow++;
          continue;
        }
        db.insert(id++, e);
        c++;
        by += size;
      }
      db.flushInserts();
      if (config.overflow() == OutboxConfig.Overflow.DROP_OLDEST && (c > config.maxMessages() || by > config.maxBytes())) {
        OutboxDatabase.Dropped d = db.dropOldest(Math.max(0, c - config.maxMessages()), Math.max(0, by - config.maxBytes()),
            MAX_DROP_PER_COMMIT);
        c -= d.count();
        by -= d.bytes();
        droppedNow += d.count();
      }
      for (Map.Entry<String, Long> s : b.seqs().entrySet()) {
        db.putSeq(s.getKey(), s.getValue());
      }
      db.putMeta(c, by, dropped + droppedNow, id);
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      if (!failing) {
        LOG.severe("outbox commit to " + db.file() + " failed: " + e.getMessage() + "; retrying every "
            + RETRY_MILLIS + " ms, results wait in memory (up to " + Intake.MAX_ENTRIES + ")");
      }
      failing = true;
      return false;
    }
    if (failing) {
      LOG.info("outbox commits to " + db.file() + " work again");
      failing = false;
    }
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    if (tookMillis >= SLOW_COMMIT_MILLIS) {
      LOG.warning("outbox commit of " + b.entries().size() + " results and " + b.ackIds().length + " deletions took "
          + tookMillis + " ms: the storage is slow (results wait in memory meanwhile)");
    }
    count = c;
    bytes = by;
    nextId = id;
    dropped += droppedNow;
    commits++;
    dropLog.commit(droppedNow, dropped, c, by);
    deleted.deleted(b.ackIds());
    committedUpTo.accept(id - 1);
    return true;
  }

  long count() {
    return count;
  }

  long bytes() {
    return bytes;
  }

  long dropped() {
    return dropped;
  }

  long commits() {
    return commits;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis); // waiting for the disk to accept writes again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
