package dev.edgeinfer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of one model in the store, and how each is read and replaced:
 * <pre>
 * models/NAME/versions/VERSION/   a complete version (its files, manifest.json, manifest.sig)
 * models/NAME/versions/.staging-* an install in progress (removed at start)
 * models/NAME/versions/.trash-*   a version being deleted (removed at start)
 * models/NAME/active              the version serving (one line)
 * models/NAME/previous            the version rollback returns to (one line)
 * models/NAME/history             versions active before previous, oldest first
 * models/NAME/installed           stored versions in install order (pruning removes the oldest)
 * models/NAME/pending             the journal of an update in progress (JSON)
 * </pre>
 * Every file is replaced with {@link StoreFiles#writeAtomically}, so each is either old or new.
 */
final class ModelFiles {
  final String name;
  final Path dir;
  final Path versions;
  final Path active;
  final Path previous;
  final Path history;
  final Path installed;
  final Path pending;

  ModelFiles(Path root, String name) {
    if (!BundleManifest.isSafeName(name)) {
      throw new IllegalArgumentException("not a model name: \"" + name + "\" (must match [A-Za-z0-9._-]{1,64})");
    }
    this.name = name;
    this.dir = root.resolve(name);
    this.versions = dir.resolve("versions");
    this.active = dir.resolve("active");
    this.previous = dir.resolve("previous");
    this.history = dir.resolve("history");
    this.installed = dir.resolve("installed");
    this.pending = dir.resolve("pending");
  }

  Path version(String version) {
    if (!BundleManifest.isSafeName(version)) {
      throw new IllegalArgumentException("not a version: \"" + version + "\" (must match [A-Za-z0-9._-]{1,64})");
    }
    return versions.resolve(version);
  }

  /** The version a pointer file names; empty when the file is absent or does not hold a version name. */
  Optional<String> pointer(Path file) throws IOException {
    String text = StoreFiles.readOrNull(file);
    if (text == null) {
      return Optional.empty();
    }
    String v = text.trim();
    return BundleManifest.isSafeName(v) ? Optional.of(v) : Optional.empty();
  }

  void setPointer(Path file, Optional<String> version, CrashPoint crash) throws IOException {
    if (version.isPresent()) {
      StoreFiles.writeAtomically(file, version.get() + "\n", crash);
    } else {
      StoreFiles.deleteDurably(file, crash);
    }
  }

  List<String> list(Path file) throws IOException {
    String text = StoreFiles.readOrNull(file);
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String line : text.split("\n")) {
        if (BundleManifest.isSafeName(line.trim()) && !out.contains(line.trim())) {
          out.add(line.trim());
        }
      }
    }
    return out;
  }

  void setList(Path file, List<String> versions, CrashPoint crash) throws IOException {
    StringBuilder sb = new StringBuilder();
    versions.forEach(v -> sb.append(v).append('\n'));
    StoreFiles.writeAtomically(file, sb.toString(), crash);
  }
}
