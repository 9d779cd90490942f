package dev.edgeinfer.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Moves the per-pipeline counters of earlier releases ({@code STATE/seq/PIPELINE}, one number)
 * into the outbox's {@code seq} table, keeping the larger value, and renames each file to {@code
 * PIPELINE.migrated} once the value is committed: {@code seq} continues where it was. Runs once,
 * at open, on the writer connection.
 */
final class SeqFileMigration {
  private static final Logger LOG = Logger.getLogger(SeqFileMigration.class.getName());

  private SeqFileMigration() {}

  static void migrate(Path stateDir, OutboxDatabase db) throws IOException, SQLException {
    Path dir = stateDir.resolve("seq");
    if (!Files.isDirectory(dir)) {
      return;
    }
    java.util.List<Path> done = new java.util.ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!Files.isRegularFile(f) || name.contains(".")) {
          continue; // PIPELINE.tmp (a write cut short) and PIPELINE.migrated
        }
        String text = Files.readString(f, StandardCharsets.US_ASCII).trim();
        long last;
        try {
          last = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new IOException(f + ": not a sequence number: \"" + text + "\"");
        }
        db.putSeq(name, last);
        done.add(f);
      }
    }
    db.commit();
    for (Path f : done) {
      Files.move(f, f.resolveSibling(f.getFileName() + ".migrated"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      LOG.info("seq of pipeline " + f.getFileName() + " moved into " + db.file());
    }
  }
}
