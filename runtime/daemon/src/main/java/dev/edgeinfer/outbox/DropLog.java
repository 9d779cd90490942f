package dev.edgeinfer.outbox;

import dev.edgeinfer.config.OutboxConfig;
import java.util.logging.Logger;

/**
 * Logs overflow drops once per burst: one line when a commit first has to drop, none while the
 * following commits keep dropping, and the burst ends with the first commit that drops nothing.
 * Every drop is still counted (the {@code outbox.dropped} of {@code status}).
 *
 * <p>Not thread-safe: owned by the committer thread.
 */
final class DropLog {
  private static final Logger LOG = Logger.getLogger(DropLog.class.getName());
  private final OutboxConfig config;
  private boolean inBurst;
  private long bursts;

  DropLog(OutboxConfig config) {
    this.config = config;
  }

  void commit(long droppedNow, long droppedTotal, long depth, long bytes) {
    if (droppedNow == 0) {
      inBurst = false;
      return;
    }
    if (!inBurst) {
      inBurst = true;
      bursts++;
      LOG.warning("outbox full (" + depth + " results, " + bytes + " bytes; limits outbox.maxMessages="
          + config.maxMessages() + ", outbox.maxBytes=" + config.maxBytes() + "): " + config.overflow().configName()
          + ", dropped " + droppedNow + " now, " + droppedTotal + " since start; the broker is unreachable or too slow."
          + " Further drops of this burst are only counted (status: outbox.dropped)");
    }
  }

  long bursts() {
    return bursts;
  }
}
