package dev.edgeinfer.outbox;

import dev.edgeinfer.config.OutboxConfig.DrainOrder;
import dev.edgeinfer.outbox.OutboxDatabase.Row;
import dev.edgeinfer.publish.PublishException;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.RefusedException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Sends committed rows to the broker and reports acknowledgements to the {@link Intake}, which
 * has the {@link Committer} delete them. One thread; the publisher's in-flight window is the only
 * limit on what is outstanding ({@link Publisher#send} blocks while it is full).
 *
 * <p>Two {@link Lane}s: what this run produces (live) and what an earlier run left (backlog,
 * ids up to the watermark taken at open). When both have rows they take turns, so a million-row
 * backlog never holds back a new result by more than one message; each lane keeps its own order.
 *
 * <p>At least once: a send that fails (the connection dropped before its acknowledgement) moves
 * its lane back, and the lane sends it and everything after it again once connected. Rows
 * acknowledged but not yet deleted, and rows in flight, are skipped when read again. A message
 * the broker refuses (MQTT 5 reason code, e.g. not authorized) would be refused forever: it is
 * counted as rejected and deleted.
 *
 * <p>Thread-safe where it says so: the callbacks arrive on Paho's threads, and talk to the
 * delivery thread through concurrent collections and one signal monitor.
 */
final class Delivery implements Runnable {
  private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

  private final OutboxDatabase db;
  private final Publisher publisher;
  private final Intake intake;
  private final Lane live;
  private final Lane backlog;
  private final Map<Long, Integer> inFlight = new ConcurrentHashMap<>();
  private final Set<Long> acked = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Long> failed = new ConcurrentLinkedQueue<>();
  private final Object signal = new Object();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private long generation; // guarded by signal
  private volatile long committedMax;
  private volatile boolean stopped;
  private volatile boolean disconnectSeen;
  private boolean backlogTurn;

  Delivery(OutboxDatabase db, Publisher publisher, Intake intake, long watermark, long minId, DrainOrder order) {
    this.db = db;
    this.publisher = publisher;
    this.intake = intake;
    this.live = new Lane("live", true, watermark + 1, Long.MAX_VALUE);
    this.backlog = new Lane("backlog", order == DrainOrder.OLDEST_FIRST, Math.max(1, minId), watermark);
    this.committedMax = watermark;
  }

  /** From the committer: rows up to {@code id} are committed. */
  void committedUpTo(long id) {
    committedMax = id;
    signal();
  }

  /** From the committer: these acknowledged ids are deleted. */
  void deleted(long[] ids) {
    for (long id : ids) {
      acked.remove(id);
    }
  }

  /** From the publisher's connection listener. */
  void connectionChanged(boolean connected) {
    if (!connected) {
      disconnectSeen = true;
    }
    signal();
  }

  void stop() {
    stopped = true;
    signal();
  }

  @Override
  public void run() {
    while (!stopped) {
      long gen;
      synchronized (signal) {
        gen = generation;
      }
      try {
        step(gen);
      } catch (SQLException e) {
        LOG.severe("outbox read failed: " + e.getMessage() + "; trying again at the next commit");
        await(gen);
      }
    }
  }

  private void step(long gen) throws SQLException {
    Long f;
    while ((f = failed.poll()) != null) {
      live.rewind(f);
      backlog.rewind(f);
    }
    if (!publisher.isConnected()) {
      if (disconnectSeen) {
        // Rows read before the outage may have been dropped meanwhile: read them again later.
        disconnectSeen = false;
        live.rewindToBuffer();
        backlog.rewindToBuffer();
      }
      await(gen);
      return;
    }
    Lane lane = pickLane();
    if (lane == null) {
      await(gen);
      return;
    }
    send(lane.pop());
  }

  /** The lane whose row goes next: turns when both have one. */
  private Lane pickLane() throws SQLException {
    long max = committedMax;
    Row l = live.peek(db, max, this::skip);
    Row b = backlog.exhausted() ? null : backlog.peek(db, max, this::skip);
    if (l != null && b != null) {
      backlogTurn = !backlogTurn;
      return backlogTurn ? backlog : live;
    }
    return l != null ? live : b != null ? backlog : null;
  }

  private boolean skip(long id) {
    return inFlight.containsKey(id) || acked.contains(id);
  }

  private void send(Row r) {
    int size = r.payload().length;
    inFlight.put(r.id(), size);
    CompletableFuture<Void> done;
    try {
      done = publisher.send(r.topic(), r.payload(), r.qos(), false);
    } catch (PublishException e) {
      inFlight.remove(r.id());
      failed.add(r.id());
      return; // the loop sees the disconnect (or the next commit) and tries again
    }
    sent.incrementAndGet();
    done.whenComplete((ok, e) -> {
      if (e == null || isRefusal(e)) {
        if (e != null) {
          rejected.incrementAndGet();
          LOG.warning("the broker refused " + r.topic() + " seq " + r.seq() + " (" + e.getMessage() + "); dropped");
        } else {
          acknowledged.incrementAndGet();
        }
        acked.add(r.id()); // before leaving inFlight: a concurrent read must never see it in neither
        inFlight.remove(r.id());
        intake.ack(r.id(), size);
      } else {
        inFlight.remove(r.id());
        failed.add(r.id());
      }
      signal();
    });
  }

  private static boolean isRefusal(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return t instanceof RefusedException;
  }

  private void signal() {
    synchronized (signal) {
      generation++;
      signal.notifyAll();
    }
  }

  private void await(long gen) {
    synchronized (signal) {
      while (generation == gen && !stopped) {
        try {
          signal.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopped = true;
        }
      }
    }
  }

  int inFlight() {
    return inFlight.size();
  }

  boolean backlogDone() {
    return backlog.exhausted();
  }

  long sent() {
    return sent.get();
  }

  long acknowledged() {
    return acknowledged.get();
  }

  long rejected() {
    return rejected.get();
  }
}
