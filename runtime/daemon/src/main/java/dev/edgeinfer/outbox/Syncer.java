package dev.edgeinfer.outbox;

import java.sql.SQLException;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Forces the outbox to storage every {@code outbox.syncIntervalMillis}: one SQLite checkpoint
 * (fsync of the WAL, copy, fsync of the database) when anything was committed since the last one.
 * This is what bounds the loss on a power cut, and it is the only regular write the SD card sees.
 * Runs on its own thread and connection; the committer and the delivery never wait for it.
 *
 * <p>Owned by its thread; {@link #stop()} from any thread.
 */
final class Syncer implements Runnable {
  private static final Logger LOG = Logger.getLogger(Syncer.class.getName());
  private static final long SLOW_MILLIS = 2_000;

  private final OutboxDatabase db;
  private final long intervalMillis;
  private final LongSupplier commits;
  private volatile boolean stopped;
  private volatile long syncs;
  private long syncedAtCommit = -1;
  private boolean failing;

  Syncer(OutboxDatabase db, long intervalMillis, LongSupplier commits) {
    this.db = db;
    this.intervalMillis = intervalMillis;
    this.commits = commits;
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        Thread.sleep(intervalMillis); // the interval is the point: one fsync per period
      } catch (InterruptedException e) {
        return;
      }
      syncNow();
    }
  }

  /** One checkpoint if anything was committed since the last. */
  void syncNow() {
    long c = commits.getAsLong();
    if (c == syncedAtCommit) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      db.checkpoint();
      syncedAtCommit = c;
      syncs++;
      if (failing) {
        LOG.info("outbox sync works again");
        failing = false;
      }
    } catch (SQLException e) {
      if (!failing) {
        LOG.severe("outbox sync (checkpoint) of " + db.file() + " failed: " + e.getMessage() + "; retrying");
      }
      failing = true;
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (ms >= SLOW_MILLIS) {
      LOG.warning("outbox sync took " + ms + " ms: the storage is slow");
    }
  }

  long syncs() {
    return syncs;
  }

  void stop() {
    stopped = true;
  }
}
