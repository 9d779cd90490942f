package dev.edgeinfer.model;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@link ModelStore#recover()} for one model: leftovers of interrupted operations removed, an
 * interrupted update undone, and the active version's files checked against its manifest, falling
 * back version by version until one is whole. Every step is itself crash-safe and can be redone.
 */
final class StoreRecovery {
  private static final Logger LOG = Logger.getLogger(StoreRecovery.class.getName());
  private final ModelStore store;
  private final ModelFiles f;
  private final CrashPoint crash;

  StoreRecovery(ModelStore store, ModelFiles f, CrashPoint crash) {
    this.store = store;
    this.f = f;
    this.crash = crash;
  }

  List<Recovery> run() throws IOException {
    List<Recovery> out = new ArrayList<>();
    removeLeftovers();
    Optional<PendingUpdate> pending;
    try {
      pending = UpdateJournal.read(f.pending);
    } catch (IOException damaged) {
      // Written whole or not at all, so this is damage on disk; the hash check below still ensures a whole version.
      LOG.warning(damaged.getMessage() + "; removing it");
      StoreFiles.deleteDurably(f.pending, crash);
      pending = Optional.empty();
    }
    if (pending.isPresent()) {
      PendingUpdate p = pending.get();
      store.undo(f, p);
      out.add(new Recovery(f.name, f.pointer(f.active), p.version(), Optional.of(p.requestId()),
          Optional.of(p.state()), "process died during " + p.state().jsonName()));
    }
    if (f.pointer(f.previous).isPresent() && f.pointer(f.previous).equals(f.pointer(f.active))) {
      // A rollback cut short between its two pointer writes: previous must be the one before.
      List<String> history = f.list(f.history);
      Optional<String> before = history.isEmpty() ? Optional.empty() : Optional.of(history.remove(history.size() - 1));
      f.setPointer(f.previous, before, crash);
      f.setList(f.history, history, crash);
    }
    out.addAll(checkActive());
    List<String> ordered = store.orderedVersions(f);
    if (!ordered.equals(f.list(f.installed))) {
      f.setList(f.installed, ordered, crash);
    }
    return out;
  }

  /** Falls back from an active version whose files are damaged until one is whole (or none is left). */
  private List<Recovery> checkActive() throws IOException {
    List<Recovery> out = new ArrayList<>();
    while (true) {
      Optional<String> active = f.pointer(f.active);
      if (active.isEmpty()) {
        return out;
      }
      String problem = problem(active.get());
      if (problem == null) {
        return out;
      }
      Optional<String> previous = f.pointer(f.previous).filter(v -> !v.equals(active.get()));
      List<String> history = f.list(f.history);
      history.remove(active.get());
      Optional<String> before = history.isEmpty() ? Optional.empty() : Optional.of(history.remove(history.size() - 1));
      f.setPointer(f.active, previous, crash);
      f.setPointer(f.previous, before, crash);
      f.setList(f.history, history, crash);
      store.deleteVersion(f, active.get());
      String reason = "version " + active.get() + " is damaged (" + problem + ")";
      LOG.warning("model " + f.name + ": " + reason + "; now " + previous.map(v -> "at version " + v)
          .orElse("without a stored version"));
      out.add(new Recovery(f.name, previous, active.get(), Optional.empty(), Optional.empty(), reason));
    }
  }

  private String problem(String version) {
    Path dir = f.version(version);
    if (!Files.isDirectory(dir)) {
      return "its directory is missing";
    }
    try {
      return VersionFiles.mismatch(dir, store.load(f, version).manifest());
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private void removeLeftovers() throws IOException {
    boolean changed = false;
    if (Files.isDirectory(f.versions)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(f.versions)) {
        for (Path d : dirs) {
          String n = d.getFileName().toString();
          if (n.startsWith(".staging-") || n.startsWith(".trash-")) {
            StoreFiles.deleteTree(d);
            changed = true;
          }
        }
      }
      if (changed) {
        StoreFiles.fsyncDir(f.versions);
      }
    }
    if (Files.isDirectory(f.dir)) {
      try (DirectoryStream<Path> tmps = Files.newDirectoryStream(f.dir, "*.tmp")) {
        for (Path t : tmps) {
          Files.delete(t);
        }
      }
      StoreFiles.fsyncDir(f.dir);
    }
  }
}
