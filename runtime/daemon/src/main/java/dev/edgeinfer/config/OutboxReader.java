package dev.edgeinfer.config;

import java.util.List;

/** Reads the {@code outbox} section; every key has a default, so the section may be left out. */
final class OutboxReader {

  private static final List<String> KEYS =
      List.of("maxMessages", "maxBytes", "overflow", "commitIntervalMillis", "syncIntervalMillis", "drainOrder",
          "qos0Bypass");

  private OutboxReader() {}

  static OutboxConfig read(ConfigNode outbox) {
    outbox.allowOnly(KEYS);
    OutboxConfig d = OutboxConfig.DEFAULTS;
    long maxMessages = positiveLong(outbox, "maxMessages", d.maxMessages());
    // Below one maximal result (the command limit is 256 KiB; results are far smaller) nothing fits.
    long maxBytes = positiveLong(outbox, "maxBytes", d.maxBytes());
    if (maxBytes < 64 * 1024) {
      outbox.problem("maxBytes", "must be >= 65536, got " + maxBytes);
      maxBytes = d.maxBytes();
    }
    OutboxConfig.Overflow overflow = outbox.choice("overflow", d.overflow(), OutboxConfig.Overflow::configName);
    // Ten seconds of results in memory is already more than anyone should risk losing.
    int commitInterval = outbox.integer("commitIntervalMillis", d.commitIntervalMillis(), 0, 10_000);
    int syncInterval = outbox.integer("syncIntervalMillis", d.syncIntervalMillis(), 0, 60_000);
    OutboxConfig.DrainOrder order = outbox.choice("drainOrder", d.drainOrder(), OutboxConfig.DrainOrder::configName);
    boolean bypass = outbox.bool("qos0Bypass", d.qos0Bypass());
    return new OutboxConfig(maxMessages, maxBytes, overflow, commitInterval, syncInterval, order, bypass);
  }

  private static long positiveLong(ConfigNode node, String key, long defaultValue) {
    long v = node.longInteger(key, defaultValue);
    if (v < 1) {
      node.problem(key, "must be > 0, got " + v);
      return defaultValue;
    }
    return v;
  }
}
