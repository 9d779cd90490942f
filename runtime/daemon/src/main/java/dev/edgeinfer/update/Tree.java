package dev.edgeinfer.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Logger;

/** Deletes a directory tree, best effort (leftovers are cleared again at the next start). */
public final class Tree {
  private static final Logger LOG = Logger.getLogger(Tree.class.getName());

  private Tree() {}

  public static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warning("could not delete " + root + ": " + e.getMessage());
    }
  }
}
