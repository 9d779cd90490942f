package dev.edgeinfer.model;

import dev.edgeinfer.model.BundleManifest.FileEntry;
import dev.edgeinfer.model.BundleManifest.Role;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.ModelFormatException;
import dev.edgeinfer.tflite.read.ModelReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a bundle zip and extracts it. In this order, so that nothing is trusted before it has been
 * checked: the file's size; the zip's own directory (entry count, names, symlinks, duplicates,
 * declared sizes against the limits); the signature over manifest.json's exact bytes; then the
 * manifest (strict parse, runtime version); every entry against the manifest (nothing extra,
 * nothing missing, sizes); extraction with sizes bounded and SHA-256 computed on the way; finally
 * every {@code .tflite} through the pure-Java {@link ModelReader}, and the shapes
 * ({@link ShapeCheck}). Any failure is a {@link BundleRejected} and leaves nothing extracted.
 *
 * <p>Stateless apart from its settings; safe for concurrent use on different files.
 */
public final class BundleVerifier {
  private final TrustedKeys keys;
  private final Limits limits;
  private final String runtimeVersion;

  public BundleVerifier(TrustedKeys keys, Limits limits) {
    this(keys, limits, RuntimeVersion.current());
  }

  /** With the runtime version given (tests; {@code minRuntimeVersion} is checked against it). */
  public BundleVerifier(TrustedKeys keys, Limits limits, String runtimeVersion) {
    this.keys = keys;
    this.limits = limits;
    this.runtimeVersion = runtimeVersion;
  }

  /**
   * Verifies {@code zip} and extracts it into {@code extractInto}, which must not exist yet or be
   * an empty directory; on rejection it is removed again.
   */
  public VerifiedBundle verify(Path zip, Path extractInto) throws BundleRejected, IOException {
    long size;
    try {
      size = Files.size(zip);
    } catch (IOException e) {
      throw new IOException(zip + ": cannot read the bundle: " + e.getMessage(), e);
    }
    if (size > limits.maxBundleBytes()) {
      throw new BundleRejected("too_large", "the bundle is " + size + " bytes, over the limit of "
          + limits.maxBundleBytes() + " (updates.maxBundleBytes)");
    }
    if (Files.isDirectory(extractInto)) {
      try (var s = Files.list(extractInto)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("not an empty directory: " + extractInto);
        }
      }
    }
    Files.createDirectories(extractInto);
    boolean done = false;
    try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
      VerifiedBundle bundle = verifyOpen(channel, extractInto);
      done = true;
      return bundle;
    } finally {
      if (!done) {
        StoreFiles.deleteTree(extractInto);
      }
    }
  }

  private VerifiedBundle verifyOpen(FileChannel channel, Path dir) throws BundleRejected, IOException {
    List<ZipEntryInfo> entries = ZipDirectory.read(channel, limits.maxEntries());
    Map<String, ZipEntryInfo> byName = checkEntries(entries);
    ZipEntryInfo manifestEntry = byName.get(EntryNames.MANIFEST);
    if (manifestEntry == null) {
      throw new BundleRejected("missing_file", "the bundle has no manifest.json");
    }
    ZipEntryInfo sigEntry = byName.get(EntryNames.SIGNATURE);
    if (sigEntry == null) {
      throw new BundleRejected("unsigned", "the bundle has no manifest.sig: it is not signed (sign it with "
          + "`edgeinfer model sign --key K.key BUNDLE.zip`)");
    }
    byte[] manifestBytes = small(channel, manifestEntry, Limits.MAX_MANIFEST_BYTES);
    byte[] sigBytes = small(channel, sigEntry, SignatureFile.MAX_BYTES);
    String signer = keys.verify(manifestBytes, sigBytes);
    BundleManifest m = ManifestJson.parse(manifestBytes);
    if (!RuntimeVersion.satisfies(runtimeVersion, m.minRuntimeVersion())) {
      throw new BundleRejected("runtime_too_old", "manifest.json: minRuntimeVersion " + m.minRuntimeVersion()
          + " is newer than this runtime (" + runtimeVersion + "); update edgeinfer first");
    }
    matchEntries(m, byName);
    for (var e : m.files().entrySet()) {
      extract(channel, byName.get(e.getKey()), e.getValue(), dir);
    }
    Files.write(dir.resolve(EntryNames.MANIFEST), manifestBytes);
    Files.write(dir.resolve(EntryNames.SIGNATURE), sigBytes);
    checkModels(m, dir);
    return new VerifiedBundle(m, signer, dir);
  }

  /** Names safe, no links or special files, no duplicates, declared sizes within the limits. */
  private Map<String, ZipEntryInfo> checkEntries(List<ZipEntryInfo> entries) throws BundleRejected {
    Map<String, ZipEntryInfo> byName = new LinkedHashMap<>();
    long declared = 0;
    for (ZipEntryInfo e : entries) {
      String unsafe = EntryNames.problem(e.name());
      if (unsafe != null) {
        throw new BundleRejected("unsafe_path", printable(e.name()) + ": " + unsafe);
      }
      if (e.isSymlink()) {
        throw new BundleRejected("symlink", e.name() + ": a symbolic link (unix mode "
            + Integer.toOctalString(e.unixMode()) + "); bundles hold regular files only");
      }
      if (e.isSpecial()) {
        throw new BundleRejected("unexpected_entry", e.name() + ": not a regular file (a directory or special file)");
      }
      if (byName.put(e.name(), e) != null) {
        throw new BundleRejected("unsafe_path", e.name() + ": listed twice in the zip (which copy would be used "
            + "depends on the tool)");
      }
      declared += e.size();
      if (declared > limits.maxUncompressedBytes()) {
        throw new BundleRejected("too_large", "the entries declare more than " + limits.maxUncompressedBytes()
            + " bytes uncompressed (updates.maxUncompressedBytes), reached at " + e.name());
      }
    }
    return byName;
  }

  /** Every zip entry is named by the manifest (or is the manifest or signature), and the other way round. */
  private static void matchEntries(BundleManifest m, Map<String, ZipEntryInfo> byName) throws BundleRejected {
    for (String name : byName.keySet()) {
      if (!EntryNames.isReserved(name) && !m.files().containsKey(name)) {
        throw new BundleRejected("unexpected_entry", name + ": in the zip but not in manifest.json's files");
      }
    }
    for (var e : m.files().entrySet()) {
      ZipEntryInfo entry = byName.get(e.getKey());
      if (entry == null) {
        throw new BundleRejected("missing_file", e.getKey() + ": named in manifest.json but not in the zip");
      }
      if (entry.size() != e.getValue().size()) {
        throw new BundleRejected("size_mismatch", e.getKey() + ": the manifest says " + e.getValue().size()
            + " bytes, the zip " + entry.size());
      }
    }
  }

  private static void extract(FileChannel channel, ZipEntryInfo entry, FileEntry expected, Path dir)
      throws BundleRejected, IOException {
    Path target = dir.resolve(entry.name()).normalize();
    if (!target.startsWith(dir)) { // EntryNames already refused this; kept as a second lock
      throw new BundleRejected("unsafe_path", entry.name() + ": resolves outside the bundle");
    }
    Files.createDirectories(target.getParent());
    MessageDigest sha = sha256();
    try (OutputStream out = new DigestOutputStream(
        Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), sha)) {
      EntryInflater.copy(channel, entry, out);
    }
    String actual = HexFormat.of().formatHex(sha.digest());
    if (!actual.equals(expected.sha256())) {
      throw new BundleRejected("hash_mismatch", entry.name() + ": SHA-256 is " + actual + ", the manifest says "
          + expected.sha256());
    }
  }

  /** The pure-Java reader parses every model before anything else (native code least of all) sees it. */
  private static void checkModels(BundleManifest m, Path dir) throws BundleRejected, IOException {
    Map<Precision, ModelDescription> models = new EnumMap<>(Precision.class);
    for (var e : m.files().entrySet()) {
      Role role = e.getValue().role();
      if (role == Role.INT8 || role == Role.FP32) {
        try {
          models.put(role == Role.INT8 ? Precision.INT8 : Precision.FP32,
              new ModelReader().read(dir.resolve(e.getKey())));
        } catch (ModelFormatException ex) {
          throw new BundleRejected("model_rejected", e.getKey() + ": not a valid .tflite model: " + ex.getMessage());
        }
      }
    }
    List<String> labels = new ArrayList<>();
    if (m.labels().isPresent()) {
      for (String line : Files.readAllLines(dir.resolve(m.labels().get()), StandardCharsets.UTF_8)) {
        if (!line.trim().isEmpty()) {
          labels.add(line.trim());
        }
      }
    }
    ShapeCheck.check(m, models, labels);
  }

  private static byte[] small(FileChannel channel, ZipEntryInfo e, int max) throws BundleRejected, IOException {
    if (e.size() > max) {
      throw new BundleRejected("too_large", e.name() + ": declares " + e.size() + " bytes, over its limit of " + max);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) e.size());
    EntryInflater.copy(channel, e, out);
    return out.toByteArray();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A hostile name printed safely: control characters escaped. */
  private static String printable(String name) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : name.toCharArray()) {
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.append('"').toString();
  }
}
