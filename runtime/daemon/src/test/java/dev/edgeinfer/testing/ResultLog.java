package dev.edgeinfer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a subscriber saw of one pipeline's results, by {@code seq}: first arrivals in order,
 * duplicates (QoS 1 allows them), and whether a seq ever came with two different payloads (a
 * seq used twice). Not thread-safe: fed by the test thread.
 */
public final class ResultLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<Long, String> firstPayload = new HashMap<>();
  private final List<Long> firstArrivals = new ArrayList<>();
  private final Map<Long, Long> firstArrivalMillis = new HashMap<>();
  private final Map<Long, Long> windowMillis = new HashMap<>();
  private long duplicates;
  private final List<String> conflicts = new ArrayList<>();

  /** Adds one received payload; returns its seq. */
  public long add(byte[] payload) throws Exception {
    JsonNode n = JSON.readTree(payload);
    long seq = n.get("seq").asLong();
    // Everything but latency (measured per run) identifies the result.
    String key = n.get("ts").asText() + "|" + n.at("/result").toString();
    String before = firstPayload.putIfAbsent(seq, key);
    if (before == null) {
      firstArrivals.add(seq);
      firstArrivalMillis.put(seq, System.currentTimeMillis());
      windowMillis.put(seq, n.get("ts").asLong());
    } else {
      duplicates++;
      if (!before.equals(key)) {
        conflicts.add("seq " + seq + " came as " + before + " and as " + key);
      }
    }
    return seq;
  }

  public boolean has(long seq) {
    return firstPayload.containsKey(seq);
  }

  public long duplicates() {
    return duplicates;
  }

  public List<String> conflicts() {
    return conflicts;
  }

  public int distinct() {
    return firstPayload.size();
  }

  public long maxSeq() {
    return firstPayload.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** Seqs in [1, upTo] never seen. */
  public TreeSet<Long> missing(long upTo) {
    TreeSet<Long> m = new TreeSet<>();
    for (long s = 1; s <= upTo; s++) {
      if (!firstPayload.containsKey(s)) {
        m.add(s);
      }
    }
    return m;
  }

  /** Places where a first arrival was lower than the one before it ("5 after 7"). */
  public List<String> outOfOrder() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i < firstArrivals.size(); i++) {
      if (firstArrivals.get(i) < firstArrivals.get(i - 1)) {
        out.add(firstArrivals.get(i) + " after " + firstArrivals.get(i - 1));
      }
    }
    return out;
  }

  /** The window time ({@code ts}) of a seq seen. */
  public long windowMillis(long seq) {
    return windowMillis.get(seq);
  }
}
