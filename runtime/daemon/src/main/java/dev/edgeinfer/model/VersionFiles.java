package dev.edgeinfer.model;

import dev.edgeinfer.model.BundleManifest.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** Checks a stored version's files against its manifest (size and SHA-256). Stateless. */
final class VersionFiles {
  private VersionFiles() {}

  /** Null when every file matches, else the first that does not and how. */
  static String mismatch(Path dir, BundleManifest manifest) {
    for (Map.Entry<String, FileEntry> e : manifest.files().entrySet()) {
      Path file = dir.resolve(e.getKey());
      try {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          return e.getKey() + " is missing";
        }
        long size = Files.size(file);
        if (size != e.getValue().size()) {
          return e.getKey() + " is " + size + " bytes, the manifest says " + e.getValue().size();
        }
        if (!sha256(file).equals(e.getValue().sha256())) {
          return e.getKey() + " does not match its SHA-256";
        }
      } catch (IOException ex) {
        return e.getKey() + " cannot be read: " + ex.getMessage();
      }
    }
    return null;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest sha = BundleVerifier.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
