package dev.edgeinfer.outbox;

import dev.edgeinfer.config.OutboxConfig;
import dev.edgeinfer.outbox.OutboxDatabase.Entry;
import dev.edgeinfer.publish.PublishException;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.SequenceStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The durable outbox: every result is committed to SQLite ({@code STATE/outbox.db}) before it is
 * published, and deleted when the broker acknowledged it; at least once, in order per pipeline
 * within a run, bounded by {@code outbox.maxMessages} and {@code outbox.maxBytes}. The README's
 * "Delivery" section gives the guarantees and what a crash or power cut can cost.
 *
 * <p>Life: {@link #open} (reads the counters and the seqs, migrates old seq files; no scan of the
 * rows, so a million waiting results open as fast as none), then {@link #start} with the
 * publisher (starts the committer and delivery threads), {@link #enqueue} from the pipelines,
 * and {@link #close}, which commits what is in memory and gives the delivery a moment to empty
 * the outbox.
 *
 * <p>Thread-safe: any number of pipeline threads enqueue; {@link #sequence} counters are
 * per pipeline and owned by that pipeline's thread.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

  private final OutboxConfig config;
  private final OutboxDatabase db;
  private final OutboxDatabase.Meta openedWith;
  private final Intake intake = new Intake();
  private final Committer committer;
  private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();
  private final AtomicLong qos0Unsent = new AtomicLong();
  private Delivery delivery;
  private Publisher publisher;
  private Thread committerThread;
  private Thread deliveryThread;
  private Syncer syncer;
  private Thread syncerThread;
  private boolean closed;

  private Outbox(OutboxConfig config, OutboxDatabase db) throws SQLException {
    this.config = config;
    this.db = db;
    this.openedWith = db.readMeta();
    db.readSeqs().forEach((p, last) -> seqs.put(p, new AtomicLong(last)));
    db.commit(); // ends the read transaction opened by the reads above
    this.committer = new Committer(db, config, openedWith, intake, new DropLog(config),
        id -> { if (delivery != null) delivery.committedUpTo(id); },
        ids -> { if (delivery != null) delivery.deleted(ids); });
  }

  /** Opens {@code stateDir/outbox.db}, creating it, and moves old {@code stateDir/seq/*} files into it. */
  public static Outbox open(Path stateDir, OutboxConfig config) throws IOException {
    OutboxDatabase db = null;
    try {
      db = OutboxDatabase.open(stateDir, config.syncIntervalMillis() == 0);
      SeqFileMigration.migrate(stateDir, db);
      Outbox outbox = new Outbox(config, db);
      OutboxDatabase.Meta m = outbox.openedWith;
      if (m.count() > 0) {
        LOG.info("outbox " + db.file() + ": " + m.count() + " results (" + m.bytes() + " bytes) waiting from an earlier"
            + " run; sent " + config.drainOrder().configName() + " beside new results");
      }
      return outbox;
    } catch (SQLException e) {
      closeQuietly(db);
      throw new IOException("cannot open the outbox in " + stateDir + ": " + e.getMessage(), e);
    }
  }

  /** The counter of {@code pipeline}; its values are committed with the pipeline's results. */
  public SequenceStore sequence(String pipeline) {
    AtomicLong counter = seqs.computeIfAbsent(pipeline, p -> new AtomicLong());
    return new SequenceStore() {
      @Override
      public long next() {
        return counter.incrementAndGet();
      }

      @Override
      public long last() {
        return counter.get();
      }
    };
  }

  /** Starts committing, and delivering through {@code publisher}. */
  public synchronized void start(Publisher publisher) {
    if (committerThread != null) {
      throw new IllegalStateException("outbox already started");
    }
    this.publisher = publisher;
    this.delivery = new Delivery(db, publisher, intake, openedWith.maxId(), openedWith.minId(), config.drainOrder());
    publisher.addConnectionListener(delivery::connectionChanged);
    committerThread = thread(committer, "outbox-commit");
    deliveryThread = thread(delivery, "outbox-delivery");
    if (config.syncIntervalMillis() > 0) {
      syncer = new Syncer(db, config.syncIntervalMillis(), committer::commits);
      syncerThread = thread(syncer, "outbox-sync");
    }
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * Takes one result. It is published after the next commit; with {@code qos} 0 and {@code
   * outbox.qos0Bypass}, at once and never stored (at most once: while the broker is unreachable it
   * is counted and gone). Blocks while {@link Intake#MAX_ENTRIES} results wait for a commit.
   */
  public void enqueue(String pipeline, long seq, String topic, int qos, byte[] payload) throws InterruptedException {
    if (qos == 0 && config.qos0Bypass()) {
      intake.noteSeq(pipeline, seq);
      try {
        publisher.publish(topic, payload, 0, false);
      } catch (PublishException | RuntimeException e) {
        qos0Unsent.incrementAndGet();
      }
      return;
    }
    intake.add(new Entry(pipeline, seq, topic, qos, payload, System.currentTimeMillis()));
  }

  public OutboxStats stats() {
    Delivery d = delivery;
    return new OutboxStats(committer.count() + intake.pendingResults(), committer.bytes(),
        d == null ? 0 : d.inFlight(), committer.dropped(), d == null ? 0 : d.rejected(), qos0Unsent.get(),
        d != null && d.backlogDone(), committer.commits());
  }

  /** Waits until nothing waits, or {@code millis} passed; true when empty. For shutdown and tests. */
  public boolean awaitEmpty(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      OutboxStats s = stats();
      if (s.depth() == 0 && s.inFlight() == 0 && intake.isEmpty()) {
        return true;
      }
      Thread.sleep(10); // polling three counters owned by two threads; shutdown only
    }
    return false;
  }

  /** Checkpoints (fsyncs) done by the sync thread since start; with syncIntervalMillis 0, every commit is one. */
  long syncs() {
    return syncer == null ? committer.commits() : syncer.syncs();
  }

  /** True when nothing waits for a commit (tests). */
  boolean intakeEmpty() {
    return intake.isEmpty();
  }

  /** Path of the SQLite file. */
  public Path file() {
    return db.file();
  }

  /**
   * Commits what is in memory, lets the delivery try to empty the outbox for up to {@code
   * flushMillis} (what is left stays committed, for the next start), then stops and closes the
   * database. Call before closing the publisher.
   */
  public synchronized void close(long flushMillis) {
    if (closed) {
      return;
    }
    closed = true;
    // A clean stop also keeps seqs whose results never reached the outbox (a failed encode): seq never goes back.
    seqs.forEach((p, counter) -> intake.noteSeq(p, counter.get()));
    intake.flushNow();
    if (committerThread == null) {
      committer.stop();
      committer.run(); // never started: commit the seqs handed out, on this thread
      closeQuietly(db);
      return;
    }
    try {
      if (publisher.isConnected() && !awaitEmpty(flushMillis)) {
        LOG.info("outbox: " + stats().depth() + " results still waiting at shutdown; they are sent after the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delivery.stop();
    join(deliveryThread);
    committer.stop();
    join(committerThread);
    if (syncer != null) {
      syncer.stop();
      syncerThread.interrupt();
      join(syncerThread);
    }
    closeQuietly(db); // closing the last connection checkpoints and syncs what is left
  }

  @Override
  public void close() {
    close(0);
  }

  private static void join(Thread t) {
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(OutboxDatabase db) {
    if (db == null) {
      return;
    }
    try {
      db.close();
    } catch (SQLException e) {
      LOG.warning("closing the outbox: " + e.getMessage());
    }
  }
}
