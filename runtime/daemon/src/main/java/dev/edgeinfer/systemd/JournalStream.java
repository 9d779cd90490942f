package dev.edgeinfer.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether stderr goes to the systemd journal. systemd sets {@code JOURNAL_STREAM=DEV:INODE} to the
 * stream it connected to stdout/stderr (systemd.exec(5)); a child that redirected stderr elsewhere
 * inherits the variable but not the stream, so the variable alone is not proof. Where stderr cannot
 * be looked at (no {@code /proc}), the variable is taken at its word.
 */
public final class JournalStream {
  private JournalStream() {}

  public static boolean isStderr(Map<String, String> env) {
    return matches(env.get("JOURNAL_STREAM"), Path.of("/proc/self/fd/2"));
  }

  /** Whether {@code journalStream} ("DEV:INODE") names the file that {@code stderr} resolves to. */
  static boolean matches(String journalStream, Path stderr) {
    if (journalStream == null || journalStream.isBlank()) {
      return false;
    }
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(stderr, "unix:dev,ino");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return true;
    }
    return journalStream.trim().equals(attributes.get("dev") + ":" + attributes.get("ino"));
  }
}
