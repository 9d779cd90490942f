package dev.edgeinfer.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a pipeline's inference counter across restarts, so that {@code seq} never goes back and a
 * subscriber can see a gap. The last used number is written to {@code STATE/seq/PIPELINE} after
 * every inference (a new file renamed over the old one, so a crash leaves the old or the new value,
 * never a torn one) and forced to disk on {@link #close()}. A power cut can lose the last few
 * numbers written since the OS last flushed: seq may then repeat, never skip.
 *
 * <p>Not thread-safe: owned by one pipeline thread.
 */
public final class SequenceStore implements AutoCloseable {
  private final Path file;
  private final Path temp;
  private long last;

  public SequenceStore(Path stateDir, String pipeline) throws IOException {
    Path dir = stateDir.resolve("seq");
    Files.createDirectories(dir);
    this.file = dir.resolve(pipeline);
    this.temp = dir.resolve(pipeline + ".tmp");
    this.last = Files.exists(file) ? parse(Files.readString(file, StandardCharsets.US_ASCII).trim()) : 0;
  }

  private long parse(String text) throws IOException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": not a sequence number: \"" + text + "\"");
    }
  }

  /** The next number, persisted before it is returned. */
  public long next() {
    last++;
    write(false);
    return last;
  }

  public long last() {
    return last;
  }

  private void write(boolean force) {
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(StandardCharsets.US_ASCII.encode(Long.toString(last)));
        if (force) {
          out.force(true);
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist seq to " + file, e);
    }
  }

  @Override
  public void close() {
    write(true);
  }
}
