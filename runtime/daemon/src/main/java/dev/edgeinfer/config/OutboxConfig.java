package dev.edgeinfer.config;

/**
 * {@code outbox}: the durable store every result passes through before it is published (see the
 * README, "Delivery"). Immutable.
 *
 * @param maxMessages at most this many results wait in the outbox
 * @param maxBytes at most this many payload bytes wait in the outbox (the default holds a million
 *     results of the demo's size, about 330 bytes)
 * @param overflow which result goes when a limit is reached
 * @param commitIntervalMillis how long results gather in memory before one SQLite commit; 0
 *     commits as soon as the previous commit is done. A result is published after its commit;
 *     what a daemon crash can lose.
 * @param syncIntervalMillis how often what is committed is forced to storage (one checkpoint: an
 *     fsync of the WAL and of the database); 0 forces every commit. What a power cut can lose
 *     beyond the commit interval, and how often the SD card is written.
 * @param drainOrder the order in which a backlog left by an earlier run is sent
 * @param qos0Bypass QoS 0 results skip the outbox and go straight to the broker
 */
public record OutboxConfig(long maxMessages, long maxBytes, Overflow overflow, int commitIntervalMillis,
    int syncIntervalMillis, DrainOrder drainOrder, boolean qos0Bypass) {

  public static final OutboxConfig DEFAULTS =
      new OutboxConfig(1_000_000, 512L * 1024 * 1024, Overflow.DROP_OLDEST, 0, 250, DrainOrder.OLDEST_FIRST, true);

  /** With the default sync interval. */
  public OutboxConfig(long maxMessages, long maxBytes, Overflow overflow, int commitIntervalMillis,
      DrainOrder drainOrder, boolean qos0Bypass) {
    this(maxMessages, maxBytes, overflow, commitIntervalMillis, 250, drainOrder, qos0Bypass);
  }

  /** {@code outbox.overflow}. */
  public enum Overflow {
    DROP_OLDEST("drop-oldest"),
    DROP_NEWEST("drop-newest");

    private final String configName;

    Overflow(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }

  /** {@code outbox.drainOrder}. */
  public enum DrainOrder {
    OLDEST_FIRST("oldest-first"),
    NEWEST_FIRST("newest-first");

    private final String configName;

    DrainOrder(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }
}
