package dev.edgeinfer.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.OutboxConfig;
import dev.edgeinfer.publish.SequenceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** seq lives in the outbox database: it counts on across restarts, and old seq files move in. */
class OutboxSequenceTest {
  @TempDir
  Path state;

  @Test
  void next_countsFromOne_andContinuesAfterReopen() throws Exception {
    Outbox a = Outbox.open(state, OutboxConfig.DEFAULTS);
    SequenceStore s = a.sequence("vibration");
    assertEquals(1, s.next());
    assertEquals(2, s.next());
    a.close(0); // never started: close commits the seqs handed out
    Outbox b = Outbox.open(state, OutboxConfig.DEFAULTS);
    assertEquals(3, b.sequence("vibration").next());
    b.close(0);
    assertEquals(3, seqInDatabase("vibration"));
  }

  @Test
  void pipelinesCountIndependently() throws Exception {
    Outbox o = Outbox.open(state, OutboxConfig.DEFAULTS);
    o.sequence("a").next();
    o.sequence("a").next();
    assertEquals(1, o.sequence("b").next());
    assertEquals(2, o.sequence("a").last());
    o.close(0);
  }

  @Test
  void oldSeqFile_isMigrated_andRenamed() throws Exception {
    Files.createDirectories(state.resolve("seq"));
    Files.writeString(state.resolve("seq/vibration"), "1041");
    Files.writeString(state.resolve("seq/vibration.tmp"), "99"); // a write cut short: ignored
    Outbox o = Outbox.open(state, OutboxConfig.DEFAULTS);
    assertEquals(1042, o.sequence("vibration").next());
    o.close(0);
    assertFalse(Files.exists(state.resolve("seq/vibration")));
    assertEquals("1041", Files.readString(state.resolve("seq/vibration.migrated")));
    assertEquals(1042, seqInDatabase("vibration"));
  }

  @Test
  void oldSeqFile_smallerThanDatabase_doesNotGoBack() throws Exception {
    Outbox o = Outbox.open(state, OutboxConfig.DEFAULTS);
    for (int i = 0; i < 50; i++) {
      o.sequence("p").next();
    }
    o.close(0);
    Files.createDirectories(state.resolve("seq"));
    Files.writeString(state.resolve("seq/p"), "7");
    Outbox again = Outbox.open(state, OutboxConfig.DEFAULTS);
    assertEquals(51, again.sequence("p").next());
    again.close(0);
  }

  @Test
  void corruptSeqFile_isNamed() throws Exception {
    Files.createDirectories(state.resolve("seq"));
    Files.writeString(state.resolve("seq/p"), "12x");
    IOException e = assertThrows(IOException.class, () -> Outbox.open(state, OutboxConfig.DEFAULTS));
    assertTrue(e.getMessage().endsWith("seq/p: not a sequence number: \"12x\""), e.getMessage());
  }

  private long seqInDatabase(String pipeline) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("outbox.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT last FROM seq WHERE pipeline = '" + pipeline + "'")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
