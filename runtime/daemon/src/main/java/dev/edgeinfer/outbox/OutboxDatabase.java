package dev.edgeinfer.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox's SQLite file ({@code STATE/outbox.db}), in WAL mode: one connection writes (the
 * {@link Committer}'s thread), another reads (the {@link Delivery}'s thread) and only ever sees
 * committed rows, so nothing is published before it is durable.
 *
 * <p>Tables: {@code message} (the waiting results, {@code id} in the order they were produced),
 * {@code seq} (the last {@code seq} per pipeline, committed in the same transaction as its
 * result), {@code meta} (message count and bytes, drops, the next id: kept up to date in every
 * transaction so that opening a million-row outbox costs no scan), {@code kv} (small state, e.g.
 * what Home Assistant was told). Ids are assigned here rather than by SQLite, which may reuse the
 * highest id once it is deleted; the delivery's cursors rely on ids only growing.
 *
 * <p>Durability: a commit is in the operating system's hands at once, so it survives a crash of
 * the daemon. Against a power cut, with a sync interval ({@code synchronous=NORMAL}, automatic
 * checkpoints off) the {@link Syncer}'s thread runs {@link #checkpoint()} on a third connection:
 * one fsync of the WAL and one of the database per interval, off the commit path, so neither the
 * latency of a result nor the SD card pays one fsync per commit. With a sync interval of 0,
 * {@code synchronous=FULL}: every commit is fsynced.
 *
 * <p>Not thread-safe by itself: the writer methods belong to one thread, the reader methods to
 * one other thread (SQLite connections must not be shared).
 */
final class OutboxDatabase implements AutoCloseable {
  static final String FILE_NAME = "outbox.db";

  private final Path file;
  private final Connection writer;
  private final Connection reader;
  private final Connection syncer;
  private final PreparedStatement insert;
  private final PreparedStatement deleteOne;
  private final PreparedStatement upsertSeq;
  private final PreparedStatement putMeta;
  private final PreparedStatement oldest;
  private final PreparedStatement deleteUpTo;
  private final PreparedStatement readAsc;
  private final PreparedStatement readDesc;

  private OutboxDatabase(Path file, boolean syncEachCommit) throws SQLException {
    this.file = file;
    String url = "jdbc:sqlite:" + file;
    this.writer = DriverManager.getConnection(url);
    try (Statement s = writer.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=" + (syncEachCommit ? "FULL" : "NORMAL"));
      s.execute("PRAGMA wal_autocheckpoint=" + (syncEachCommit ? 1000 : 0));
      // After an outage the WAL can grow large; once checkpointed, give the space back.
      s.execute("PRAGMA journal_size_limit=" + (64L << 20));
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("CREATE TABLE IF NOT EXISTS message (id INTEGER PRIMARY KEY, pipeline TEXT NOT NULL,"
          + " seq INTEGER NOT NULL, topic TEXT NOT NULL, qos INTEGER NOT NULL, bytes INTEGER NOT NULL,"
          + " created INTEGER NOT NULL, payload BLOB NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS seq (pipeline TEXT PRIMARY KEY, last INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    }
    writer.setAutoCommit(false);
    writer.commit();
    this.reader = DriverManager.getConnection(url);
    try (Statement s = reader.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
    }
    this.syncer = DriverManager.getConnection(url);
    try (Statement s = syncer.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA synchronous=NORMAL");
    }
    insert = writer.prepareStatement(
        "INSERT INTO message (id, pipeline, seq, topic, qos, bytes, created, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    deleteOne = writer.prepareStatement("DELETE FROM message WHERE id = ?");
    upsertSeq = writer.prepareStatement("INSERT INTO seq (pipeline, last) VALUES (?, ?)"
        + " ON CONFLICT(pipeline) DO UPDATE SET last = max(last, excluded.last)");
    putMeta = writer.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    oldest = writer.prepareStatement("SELECT id, bytes FROM message ORDER BY id LIMIT ?");
    deleteUpTo = writer.prepareStatement("DELETE FROM message WHERE id <= ?");
    readAsc = reader.prepareStatement(
        "SELECT id, pipeline, seq, topic, qos, payload FROM message WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?");
    readDesc = reader.prepareStatement(
        "SELECT id, pipeline, seq, topic, qos, payload FROM message WHERE id <= ? AND id >= ? ORDER BY id DESC LIMIT ?");
  }

  /** Opens (creating when needed) {@code dir/outbox.db}, fsyncing every commit. */
  static OutboxDatabase open(Path dir) throws SQLException, java.io.IOException {
    return open(dir, true);
  }

  /** Opens (creating when needed) {@code dir/outbox.db}; without {@code syncEachCommit}, {@link #checkpoint()} syncs. */
  static OutboxDatabase open(Path dir, boolean syncEachCommit) throws SQLException, java.io.IOException {
    Files.createDirectories(dir);
    return new OutboxDatabase(dir.resolve(FILE_NAME), syncEachCommit);
  }

  /**
   * Syncer thread: copies committed pages from the WAL into the database, fsyncing the WAL first
   * and the database after (SQLite's checkpoint); PASSIVE, so it never blocks the writer or the
   * reader. Returns the WAL frames not yet copied (0: all done).
   */
  int checkpoint() throws SQLException {
    try (Statement s = syncer.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      return rs.getInt(2) - rs.getInt(3);
    }
  }

  Path file() {
    return file;
  }

  // ---- state at open (writer thread, before the threads start) ----

  /** What {@code meta} says; a missing counter (an outbox older than the counters) is computed once. */
  Meta readMeta() throws SQLException {
    Map<String, Long> m = new LinkedHashMap<>();
    try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM meta")) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getLong(2));
      }
    }
    long count;
    long bytes;
    if (m.containsKey("count") && m.containsKey("bytes")) {
      count = m.get("count");
      bytes = m.get("bytes");
    } else {
      try (Statement s = writer.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(bytes), 0) FROM message")) {
        rs.next();
        count = rs.getLong(1);
        bytes = rs.getLong(2);
      }
    }
    long maxId = single("SELECT coalesce(max(id), 0) FROM message");
    long minId = single("SELECT coalesce(min(id), 0) FROM message");
    long nextId = Math.max(m.getOrDefault("nextId", 1L), maxId + 1);
    return new Meta(count, bytes, m.getOrDefault("dropped", 0L), nextId, minId, maxId);
  }

  private long single(String sql) throws SQLException {
    try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  Map<String, Long> readSeqs() throws SQLException {
    Map<String, Long> seqs = new LinkedHashMap<>();
    try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("SELECT pipeline, last FROM seq")) {
      while (rs.next()) {
        seqs.put(rs.getString(1), rs.getLong(2));
      }
    }
    return seqs;
  }

  // ---- writer thread: one transaction per batch, ended by commit() ----

  void insert(long id, Entry e) throws SQLException {
    insert.setLong(1, id);
    insert.setString(2, e.pipeline());
    insert.setLong(3, e.seq());
    insert.setString(4, e.topic());
    insert.setInt(5, e.qos());
    insert.setInt(6, e.payload().length);
    insert.setLong(7, e.createdMillis());
    insert.setBytes(8, e.payload());
    insert.addBatch();
  }

  void flushInserts() throws SQLException {
    insert.executeBatch();
  }

  /** Deletes acknowledged rows; returns for each whether it was still there (a drop may have taken it). */
  boolean[] delete(long[] ids) throws SQLException {
    for (long id : ids) {
      deleteOne.setLong(1, id);
      deleteOne.addBatch();
    }
    int[] counts = ids.length == 0 ? new int[0] : deleteOne.executeBatch();
    boolean[] deleted = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      deleted[i] = counts[i] > 0;
    }
    return deleted;
  }

  /**
   * Deletes the oldest rows until at least {@code messages} rows and {@code bytes} bytes are
   * gone, or {@code maxRows} rows; returns what went (count, bytes, highest id).
   */
  Dropped dropOldest(long messages, long bytes, long maxRows) throws SQLException {
    long count = 0;
    long freed = 0;
    long lastId = -1;
    int page = (int) Math.min(10_000, Math.max(messages, 256));
    while ((count < messages || freed < bytes) && count < maxRows) {
      oldest.setInt(1, page);
      long before = count;
      try (ResultSet rs = oldest.executeQuery()) {
        while ((count < messages || freed < bytes) && count < maxRows && rs.next()) {
          lastId = rs.getLong(1);
          freed += rs.getLong(2);
          count++;
        }
      }
      if (count == before) {
        break; // the table is empty
      }
      deleteUpTo.setLong(1, lastId);
      deleteUpTo.executeUpdate();
    }
    return new Dropped(count, freed, lastId);
  }

  void putSeq(String pipeline, long last) throws SQLException {
    upsertSeq.setString(1, pipeline);
    upsertSeq.setLong(2, last);
    upsertSeq.executeUpdate();
  }

  void putMeta(long count, long bytes, long dropped, long nextId) throws SQLException {
    meta("count", count);
    meta("bytes", bytes);
    meta("dropped", dropped);
    meta("nextId", nextId);
  }

  private void meta(String key, long value) throws SQLException {
    putMeta.setString(1, key);
    putMeta.setLong(2, value);
    putMeta.executeUpdate();
  }

  void putKv(String key, String value) throws SQLException {
    try (PreparedStatement p = writer.prepareStatement("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)")) {
      p.setString(1, key);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  String getKv(String key) throws SQLException {
    try (PreparedStatement p = writer.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  void commit() throws SQLException {
    writer.commit();
  }

  void rollback() {
    try {
      writer.rollback();
    } catch (SQLException ignored) {
      // the connection is broken anyway; the next commit reports it
    }
  }

  // ---- reader thread ----

  /** Committed rows with {@code from <= id <= to}, ascending, at most {@code limit}. */
  List<Row> readAscending(long from, long to, int limit) throws SQLException {
    readAsc.setLong(1, from);
    readAsc.setLong(2, to);
    readAsc.setInt(3, limit);
    return rows(readAsc);
  }

  /** Committed rows with {@code downTo <= id <= from}, descending, at most {@code limit}. */
  List<Row> readDescending(long from, long downTo, int limit) throws SQLException {
    readDesc.setLong(1, from);
    readDesc.setLong(2, downTo);
    readDesc.setInt(3, limit);
    return rows(readDesc);
  }

  private static List<Row> rows(PreparedStatement p) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5), rs.getBytes(6)));
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    try {
      reader.close();
      syncer.close();
    } finally {
      writer.close(); // the last connection: SQLite checkpoints and syncs
    }
  }

  /** A result on its way in. */
  record Entry(String pipeline, long seq, String topic, int qos, byte[] payload, long createdMillis) {}

  /** A committed result on its way out. */
  record Row(long id, String pipeline, long seq, String topic, int qos, byte[] payload) {}

  record Meta(long count, long bytes, long dropped, long nextId, long minId, long maxId) {}

  record Dropped(long count, long bytes, long lastId) {}
}
