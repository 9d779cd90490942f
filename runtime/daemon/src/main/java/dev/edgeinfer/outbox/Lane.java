package dev.edgeinfer.outbox;

import dev.edgeinfer.outbox.OutboxDatabase.Row;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * One ordered stream of committed rows for the {@link Delivery}: a cursor over an id range, read
 * a page at a time. The live lane holds what this run produced (ascending, no upper bound but
 * the last commit); the backlog lane what an earlier run left (ascending or descending, per
 * {@code outbox.drainOrder}). A failed send moves the cursor back to the failed id, so the lane
 * sends it again before anything after it.
 *
 * <p>Not thread-safe: owned by the delivery thread.
 */
final class Lane {
  static final int PAGE = 128;

  private final String name;
  private final boolean ascending;
  private final long low;
  private final long high;
  private final ArrayDeque<Row> buffer = new ArrayDeque<>();
  private long cursor;
  private boolean exhausted;

  /** Rows with {@code low <= id <= high}; {@code high} is capped by the last commit at every read. */
  Lane(String name, boolean ascending, long low, long high) {
    this.name = name;
    this.ascending = ascending;
    this.low = low;
    this.high = high;
    this.cursor = ascending ? low : high;
  }

  String name() {
    return name;
  }

  boolean owns(long id) {
    return id >= low && id <= high;
  }

  /** The next row to send (not removed), skipping {@code skip} ids; null when none is committed yet. */
  Row peek(OutboxDatabase db, long committedMax, LongPredicate skip) throws SQLException {
    while (true) {
      while (!buffer.isEmpty() && skip.test(buffer.peekFirst().id())) {
        buffer.pollFirst();
      }
      if (!buffer.isEmpty()) {
        return buffer.peekFirst();
      }
      if (!refill(db, committedMax)) {
        return null;
      }
    }
  }

  Row pop() {
    return buffer.pollFirst();
  }

  private boolean refill(OutboxDatabase db, long committedMax) throws SQLException {
    long top = Math.min(high, committedMax);
    List<Row> rows;
    if (ascending) {
      if (cursor > top) {
        exhausted = cursor > high;
        return false;
      }
      rows = db.readAscending(cursor, top, PAGE);
      cursor = rows.isEmpty() ? top + 1 : rows.get(rows.size() - 1).id() + 1;
    } else {
      long from = Math.min(cursor, top);
      if (from < low) {
        exhausted = true;
        return false;
      }
      rows = db.readDescending(from, low, PAGE);
      cursor = rows.isEmpty() ? low - 1 : rows.get(rows.size() - 1).id() - 1;
    }
    buffer.addAll(rows);
    if (rows.isEmpty()) {
      exhausted = ascending ? cursor > high : cursor < low;
    }
    return !rows.isEmpty();
  }

  /** Makes the lane read again from {@code id} (a failed send), dropping what it had buffered. */
  void rewind(long id) {
    if (!owns(id)) {
      return;
    }
    rewindToBuffer();
    cursor = ascending ? Math.min(cursor, id) : Math.max(cursor, id);
    exhausted = false;
  }

  /** Forgets the buffer so the next read sees the database as it is now (rows dropped meanwhile stay out). */
  void rewindToBuffer() {
    if (!buffer.isEmpty()) {
      long first = buffer.peekFirst().id();
      cursor = ascending ? Math.min(cursor, first) : Math.max(cursor, first);
      buffer.clear();
    }
  }

  /** True once every id of a bounded lane has been read (the backlog is out, or in flight). */
  boolean exhausted() {
    return exhausted && buffer.isEmpty();
  }
}
