package dev.edgeinfer.update;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The update requests this device has finished (committed, rejected or rolled back), kept in
 * {@code FILE} (one {@code requestId state} line each, appended and fsynced), so that a command
 * delivered again (a retained group command, on every reconnect) is not applied twice. Keeps the
 * newest {@link #KEEP} entries. Deleting the file makes the device forget them all.
 *
 * <p>Thread-safe.
 */
public final class CompletedRequests {
  static final int KEEP = 1000;

  private final Path file;
  private final Map<String, String> done = new LinkedHashMap<>();

  public CompletedRequests(Path file) throws IOException {
    this.file = file;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int space = line.lastIndexOf(' ');
        if (space > 0) { // a torn last line (power cut mid-append) has no state and is skipped
          done.remove(line.substring(0, space));
          done.put(line.substring(0, space), line.substring(space + 1));
        }
      }
    }
  }

  /** The final state {@code requestId} reached, if it did. */
  public synchronized Optional<String> state(String requestId) {
    return Optional.ofNullable(done.get(requestId));
  }

  public synchronized void add(String requestId, UpdateState state) throws IOException {
    done.remove(requestId);
    done.put(requestId, state.wireName());
    Files.createDirectories(file.getParent());
    if (done.size() > KEEP) {
      done.remove(done.keySet().iterator().next());
      rewrite();
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap((requestId + " " + state.wireName() + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
  }

  private void rewrite() throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    List<String> lines = done.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
