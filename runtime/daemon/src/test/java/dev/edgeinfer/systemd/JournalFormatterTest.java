package dev.edgeinfer.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JournalFormatterTest {
  private static String format(Level level, String message, Throwable thrown) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName("dev.edgeinfer.system.Daemon");
    r.setThrown(thrown);
    return new JournalFormatter().format(r);
  }

  @Test
  void format_prefixesTheSyslogPriority_andHasNoTimestamp() {
    String nl = System.lineSeparator();
    assertEquals("<6>dev.edgeinfer.system.Daemon: device demo-01 running" + nl,
        format(Level.INFO, "device demo-01 running", null));
    assertEquals("<4>dev.edgeinfer.system.Daemon: w" + nl, format(Level.WARNING, "w", null));
    assertEquals("<3>dev.edgeinfer.system.Daemon: s" + nl, format(Level.SEVERE, "s", null));
    assertEquals("<6>dev.edgeinfer.system.Daemon: c" + nl, format(Level.CONFIG, "c", null));
    assertEquals("<7>dev.edgeinfer.system.Daemon: f" + nl, format(Level.FINE, "f", null));
  }

  @Test
  void format_everyLineOfAStackTrace_keepsTheRecordsPriority() {
    String out = format(Level.WARNING, "closing failed", new IllegalStateException("boom"));
    String[] lines = out.split("\\R");
    assertEquals("<4>dev.edgeinfer.system.Daemon: closing failed", lines[0]);
    assertEquals("<4>java.lang.IllegalStateException: boom", lines[1]);
    assertTrue(lines.length > 2);
    for (String line : lines) {
      assertTrue(line.startsWith("<4>"), line);
    }
  }
}
