package dev.edgeinfer.model;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Every version of every model, under {@code STATE_DIR/models/} (layout in {@link ModelFiles}).
 *
 * <p>Survives power loss at any instant: a version becomes visible only by renaming a fully written
 * and fsynced staging directory; each pointer is replaced atomically (temporary file, fsync, rename,
 * directory fsync), and a pointer changes only after what it points to is durable. An update writes
 * a journal before it changes anything, so a daemon that dies in the middle finds it at the next
 * start and {@link #recover()} puts the model back where it was. After any crash, each model's
 * {@code active} names a complete version (or, for a model never installed, nothing).
 *
 * <p>Thread-safe within one process (every method is synchronized). Two processes must not change
 * one store at once: the CLI's local rollback is meant for a stopped daemon.
 */
public final class ModelStore {
  private final Path root;
  private final int keepVersions;
  private final CrashPoint crash;

  /** {@code keepVersions} (at least 2: active and previous) is how many versions of a model stay on disk. */
  public ModelStore(Path stateDir, int keepVersions) {
    this(stateDir, keepVersions, CrashPoint.NONE);
  }

  ModelStore(Path stateDir, int keepVersions, CrashPoint crash) {
    if (keepVersions < 2) {
      throw new IllegalArgumentException("keepVersions must be >= 2 (active and previous), got " + keepVersions);
    }
    this.root = stateDir.resolve("models");
    this.keepVersions = keepVersions;
    this.crash = crash;
  }

  public Path root() {
    return root;
  }

  private ModelFiles files(String name) {
    return new ModelFiles(root, name);
  }

  /**
   * A new empty directory inside the model's {@code versions/} to verify a bundle into, so that
   * {@link #install} moves it into place with one rename; removed at the next start if left behind.
   */
  public synchronized Path newStagingDir(String name) throws IOException {
    ModelFiles f = files(name);
    Files.createDirectories(f.versions);
    Path dir = f.versions.resolve(".staging-" + UUID.randomUUID());
    Files.createDirectory(dir);
    return dir;
  }

  /**
   * Stores a verified bundle as {@code versions/VERSION}. Installing a version already stored with
   * the same files returns it; with different files it is refused ({@code version_exists}).
   * Does not activate it. A bundle verified into {@link #newStagingDir} is moved, not copied: use
   * the returned version's files from then on.
   */
  public synchronized StoredVersion install(VerifiedBundle bundle) throws BundleRejected, IOException {
    ModelFiles f = files(bundle.name());
    Path target = f.version(bundle.version());
    boolean inStaging = bundle.dir().getParent() != null && bundle.dir().getParent().equals(f.versions)
        && bundle.dir().getFileName().toString().startsWith(".staging-");
    if (Files.isDirectory(target)) {
      if (inStaging) {
        StoreFiles.deleteTree(bundle.dir());
      }
      StoredVersion existing = load(f, bundle.version());
      if (!existing.manifest().files().equals(bundle.manifest().files())) {
        throw new BundleRejected("version_exists", bundle.name() + " version " + bundle.version()
            + " is already stored with different files; give the new bundle a new version");
      }
      return existing;
    }
    Files.createDirectories(f.versions);
    Path staging;
    if (inStaging) {
      staging = bundle.dir(); // verified in place, hashed as it was extracted: one rename away
    } else {
      staging = newStagingDir(bundle.name());
      copyBundle(bundle, staging);
      String mismatch = VersionFiles.mismatch(staging, bundle.manifest());
      if (mismatch != null) {
        throw new IOException(staging + ": " + mismatch + " after copying (storage fault?)");
      }
    }
    crash.reached("install: staged, before fsync");
    StoreFiles.fsyncTree(staging);
    crash.reached("install: staged and fsynced, before rename");
    StoreFiles.moveAtomically(staging, target);
    crash.reached("install: renamed, before versions/ fsync");
    StoreFiles.fsyncDir(f.versions);
    List<String> installed = f.list(f.installed);
    installed.remove(bundle.version());
    installed.add(bundle.version());
    f.setList(f.installed, installed, crash);
    return load(f, bundle.version());
  }

  private static void copyBundle(VerifiedBundle bundle, Path staging) throws IOException {
    List<String> paths = new ArrayList<>(bundle.manifest().files().keySet());
    paths.add(EntryNames.MANIFEST);
    paths.add(EntryNames.SIGNATURE);
    for (String p : paths) {
      Path to = staging.resolve(p);
      Files.createDirectories(to.getParent());
      Files.copy(bundle.dir().resolve(p), to);
    }
  }

  public synchronized Optional<StoredVersion> active(String name) throws IOException {
    ModelFiles f = files(name);
    return pointed(f, f.active);
  }

  public synchronized Optional<StoredVersion> previous(String name) throws IOException {
    ModelFiles f = files(name);
    return pointed(f, f.previous);
  }

  /** A stored version, if it exists. */
  public synchronized Optional<StoredVersion> version(String name, String version) throws IOException {
    ModelFiles f = files(name);
    return Files.isDirectory(f.version(version)) ? Optional.of(load(f, version)) : Optional.empty();
  }

  /** Every stored version of {@code name}, oldest install first. */
  public synchronized List<StoredVersion> versions(String name) throws IOException {
    ModelFiles f = files(name);
    List<StoredVersion> out = new ArrayList<>();
    for (String v : orderedVersions(f)) {
      out.add(load(f, v));
    }
    return out;
  }

  /** Names of the models that have a directory in the store. */
  public synchronized Set<String> models() throws IOException {
    Set<String> out = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path d : dirs) {
        if (BundleManifest.isSafeName(d.getFileName().toString())) {
          out.add(d.getFileName().toString());
        }
      }
    }
    return out;
  }

  /** Makes {@code version} active; the version active until now becomes previous. */
  public synchronized void activate(String name, String version) throws StoreException, IOException {
    ModelFiles f = files(name);
    if (!Files.isDirectory(f.version(version))) {
      throw new StoreException("model " + name + " has no stored version " + version);
    }
    Optional<String> oldActive = f.pointer(f.active);
    if (oldActive.equals(Optional.of(version))) {
      return;
    }
    Optional<String> oldPrevious = f.pointer(f.previous);
    if (oldPrevious.isPresent() && oldActive.isPresent()) {
      List<String> history = f.list(f.history);
      history.remove(oldPrevious.get());
      history.add(oldPrevious.get());
      f.setList(f.history, history, crash);
    }
    // previous first: a crash between the two leaves active as it was, a complete version.
    f.setPointer(f.previous, oldActive, crash);
    f.setPointer(f.active, Optional.of(version), crash);
  }

  /**
   * Makes previous active again; previous becomes the version before it, when one is known. When
   * no stored version came before the active one (the first update), the active pointer goes and
   * the model runs its config's own files again: returns empty then.
   */
  public synchronized Optional<StoredVersion> rollback(String name) throws StoreException, IOException {
    ModelFiles f = files(name);
    Optional<String> previous = f.pointer(f.previous).filter(v -> Files.isDirectory(f.version(v)));
    if (previous.isEmpty()) {
      if (f.pointer(f.active).isEmpty()) {
        throw new StoreException("model " + name + " runs its config's files; there is nothing to roll back to");
      }
      f.setPointer(f.active, Optional.empty(), crash);
      return Optional.empty();
    }
    List<String> history = f.list(f.history);
    history.remove(previous.get());
    history.removeIf(v -> !Files.isDirectory(f.version(v)));
    Optional<String> before = history.isEmpty() ? Optional.empty() : Optional.of(history.remove(history.size() - 1));
    f.setPointer(f.active, previous, crash);
    f.setPointer(f.previous, before, crash);
    f.setList(f.history, history, crash);
    return Optional.of(load(f, previous.get()));
  }

  /**
   * Starts an update of {@code name} to {@code version}: writes the journal that {@link #recover()}
   * and {@link #abandon} undo it by. Call before anything else of the update touches the store.
   */
  public synchronized void beginUpdate(String name, String version, String requestId)
      throws StoreException, IOException {
    ModelFiles f = files(name);
    Optional<PendingUpdate> current = UpdateJournal.read(f.pending);
    if (current.isPresent()) {
      throw new StoreException("an update of " + name + " to version " + current.get().version() + " (request "
          + current.get().requestId() + ") is in progress");
    }
    Files.createDirectories(f.dir);
    PendingUpdate p = new PendingUpdate(version, requestId, JournalState.STAGING, f.pointer(f.active),
        f.pointer(f.previous), f.list(f.history), Files.isDirectory(f.version(version)));
    UpdateJournal.write(f.pending, p, crash);
  }

  public synchronized void markState(String name, JournalState state) throws StoreException, IOException {
    ModelFiles f = files(name);
    PendingUpdate p = UpdateJournal.read(f.pending)
        .orElseThrow(() -> new StoreException("model " + name + " has no update in progress"));
    UpdateJournal.write(f.pending, p.withState(state), crash);
  }

  public synchronized Optional<PendingUpdate> pending(String name) throws IOException {
    return UpdateJournal.read(files(name).pending);
  }

  /** Ends the update successfully: the journal goes, and old versions beyond {@code keepVersions} are pruned. */
  public synchronized void commit(String name) throws StoreException, IOException {
    ModelFiles f = files(name);
    if (UpdateJournal.read(f.pending).isEmpty()) {
      throw new StoreException("model " + name + " has no update in progress");
    }
    StoreFiles.deleteDurably(f.pending, crash);
    prune(f);
  }

  /**
   * Ends the update unsuccessfully: active, previous and history are put back as they were before
   * {@link #beginUpdate}, the journal goes, and the new version is deleted unless it was stored
   * before the update. Returns the version active now.
   */
  public synchronized Optional<StoredVersion> abandon(String name) throws StoreException, IOException {
    ModelFiles f = files(name);
    PendingUpdate p = UpdateJournal.read(f.pending)
        .orElseThrow(() -> new StoreException("model " + name + " has no update in progress"));
    undo(f, p);
    return pointed(f, f.active);
  }

  /** Restores the pointers, then drops the journal, then the abandoned version; each step redoable. */
  void undo(ModelFiles f, PendingUpdate p) throws IOException {
    f.setPointer(f.active, p.restoreActive(), crash);
    f.setPointer(f.previous, p.restorePrevious(), crash);
    f.setList(f.history, p.restoreHistory(), crash);
    StoreFiles.deleteDurably(f.pending, crash);
    boolean kept = p.versionExisted() || p.restoreActive().equals(Optional.of(p.version()))
        || p.restorePrevious().equals(Optional.of(p.version()));
    if (!kept) {
      deleteVersion(f, p.version());
    }
  }

  /**
   * Call once at daemon start, before any model is opened: clears what interrupted operations left,
   * undoes interrupted updates, and checks every active version's files against its manifest
   * (falling back to previous when they do not match). Returns what it changed, for the daemon to
   * log and publish.
   */
  public synchronized List<Recovery> recover() throws IOException {
    List<Recovery> out = new ArrayList<>();
    for (String name : models()) {
      out.addAll(new StoreRecovery(this, files(name), crash).run());
    }
    return out;
  }

  /** Deletes old versions beyond {@code keepVersions}, oldest install first; never active or previous. */
  private void prune(ModelFiles f) throws IOException {
    List<String> versions = orderedVersions(f);
    Set<String> keep = new TreeSet<>();
    f.pointer(f.active).ifPresent(keep::add);
    f.pointer(f.previous).ifPresent(keep::add);
    int excess = versions.size() - Math.max(keepVersions, keep.size());
    for (String v : versions) {
      if (excess <= 0) {
        break;
      }
      if (!keep.contains(v)) {
        deleteVersion(f, v);
        excess--;
      }
    }
  }

  /** Renames the version out of sight first (one atomic step), then deletes it; a crash leaves only trash. */
  void deleteVersion(ModelFiles f, String version) throws IOException {
    Path dir = f.version(version);
    if (Files.isDirectory(dir)) {
      Path trash = f.versions.resolve(".trash-" + version + "-" + UUID.randomUUID());
      StoreFiles.moveAtomically(dir, trash);
      crash.reached("delete version " + version + ": renamed to trash, before fsync");
      StoreFiles.fsyncDir(f.versions);
      StoreFiles.deleteTree(trash);
    }
    List<String> installed = f.list(f.installed);
    if (installed.remove(version)) {
      f.setList(f.installed, installed, crash);
    }
    List<String> history = f.list(f.history);
    if (history.remove(version)) {
      f.setList(f.history, history, crash);
    }
  }

  /** Versions on disk in install order; any missing from {@code installed} (a crash right after the rename) come last. */
  List<String> orderedVersions(ModelFiles f) throws IOException {
    List<String> onDisk = new ArrayList<>();
    if (Files.isDirectory(f.versions)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(f.versions, Files::isDirectory)) {
        for (Path d : dirs) {
          String v = d.getFileName().toString();
          if (BundleManifest.isSafeName(v) && !v.startsWith(".")) {
            onDisk.add(v);
          }
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String v : f.list(f.installed)) {
      if (onDisk.remove(v)) {
        out.add(v);
      }
    }
    onDisk.sort(null);
    out.addAll(onDisk);
    return out;
  }

  Optional<StoredVersion> pointed(ModelFiles f, Path pointer) throws IOException {
    Optional<String> v = f.pointer(pointer);
    if (v.isEmpty() || !Files.isDirectory(f.version(v.get()))) {
      return Optional.empty();
    }
    return Optional.of(load(f, v.get()));
  }

  /** A stored version with its manifest (written by us after verification, so read without its signature). */
  StoredVersion load(ModelFiles f, String version) throws IOException {
    Path dir = f.version(version);
    try {
      BundleManifest m = ManifestJson.parse(Files.readAllBytes(dir.resolve(EntryNames.MANIFEST)));
      return new StoredVersion(f.name, version, dir, m);
    } catch (BundleRejected e) {
      throw new IOException(dir + ": damaged: " + e.getMessage(), e);
    }
  }
}
