package dev.edgeinfer.config;

/**
 * {@code outbox}: the durable store every result passes through before it is published (see the
 * README, "Delivery"). Immutable.
 *
 * @param maxMessages at most this many results wait in the outbox
 * @param maxBytes at most this many payload bytes wait in the outbox
 * @param overflow which result goes when a limit is reached
 * @param commitIntervalMillis how long results gather in memory before one SQLite commit; 0
 *     commits as soon as the previous commit is done. What a crash or power cut can lose.
 * @param drainOrder the order in which a backlog left by an earlier run is sent
 * @param qos0Bypass QoS 0 results skip the outbox and go straight to the broker
 */
public record OutboxConfig(long maxMessages, long maxBytes, Overflow overflow, int commitIntervalMillis,
    DrainOrder drainOrder, boolean qos0Bypass) {

  public static final OutboxConfig DEFAULTS =
      new OutboxConfig(1_000_000, 256L * 1024 * 1024, Overflow.DROP_OLDEST, 100, DrainOrder.OLDEST_FIRST, true);

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
