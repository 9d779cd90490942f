package dev.edgeinfer.systemd;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Log lines for the systemd journal: no timestamp (the journal stamps each line itself) and a
 * {@code <N>} syslog priority prefix, which journald reads and strips ({@code SyslogLevelPrefix=},
 * on by default; sd-daemon(3)). Every line of a multi-line record (a stack trace) carries the
 * prefix, so the whole trace keeps the record's priority. Thread-safe (no state).
 */
public final class JournalFormatter extends Formatter {
  /** syslog(3) priorities. */
  static final int ERR = 3;
  static final int WARNING = 4;
  static final int INFO = 6;
  static final int DEBUG = 7;

  static int priority(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return ERR;
    }
    if (v >= Level.WARNING.intValue()) {
      return WARNING;
    }
    if (v >= Level.CONFIG.intValue()) {
      return INFO;
    }
    return DEBUG;
  }

  @Override
  public String format(LogRecord record) {
    StringBuilder text = new StringBuilder(record.getLoggerName() == null ? "" : record.getLoggerName())
        .append(": ").append(formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      text.append('\n').append(trace.toString().stripTrailing());
    }
    String prefix = "<" + priority(record.getLevel()) + ">";
    StringBuilder out = new StringBuilder();
    for (String line : text.toString().split("\\R")) {
      out.append(prefix).append(line).append(System.lineSeparator());
    }
    return out.toString();
  }
}
