package dev.edgeinfer.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Reads a daemon's outbox database ({@code STATE/outbox.db}) from outside, the way a person
 * would with {@code sqlite3}: after the process is gone, or read-only while it runs.
 */
public final class OutboxFile {
  private OutboxFile() {}

  /** The committed seq of {@code pipeline}, 0 when none. */
  public static long seq(Path stateDir, String pipeline) throws Exception {
    if (!Files.exists(stateDir.resolve("outbox.db"))) {
      return 0;
    }
    try (Connection c = open(stateDir);
        PreparedStatement p = c.prepareStatement("SELECT last FROM seq WHERE pipeline = ?")) {
      p.setString(1, pipeline);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** Rows waiting in the outbox. */
  public static long depth(Path stateDir) throws Exception {
    try (Connection c = open(stateDir); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM message")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Connection open(Path stateDir) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("outbox.db"));
  }
}
