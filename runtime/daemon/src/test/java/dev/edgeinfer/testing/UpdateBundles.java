package dev.edgeinfer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.model.BundleManifest;
import dev.edgeinfer.model.BundleWriter;
import dev.edgeinfer.model.Ed25519Keys;
import dev.edgeinfer.model.TrustedKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Signed model bundles for update tests, made with the project's own {@link BundleWriter}, and
 * the surgery hostile ones need: replace an entry's bytes with or without fixing the manifest
 * and its signature.
 */
public final class UpdateBundles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UpdateBundles() {}

  /** A key pair written as {@code NAME.key} and {@code NAME.pub} in {@code dir}. */
  public record Keys(Path privateFile, Path publicFile, PrivateKey privateKey) {}

  public static Keys keys(Path dir, String name) throws Exception {
    KeyPair pair = Ed25519Keys.generate();
    Path priv = dir.resolve(name + ".key");
    Path pub = dir.resolve(name + ".pub");
    Ed25519Keys.writePair(pair, priv, pub);
    return new Keys(priv, pub, pair.getPrivate());
  }

  /** The demo vibration model (INT8, FP32, labels) as version {@code version}, two seeded random self-test vectors. */
  public static Path demo(Path out, String version, Keys key) throws Exception {
    return bundle(out, "vibration", version, DemoModels.int8(), Optional.of(DemoModels.fp32()),
        Optional.of(DemoModels.labels()), List.of(), 2, key);
  }

  /** A bundle signed by {@code key} (unsigned when null). */
  public static Path bundle(Path out, String name, String version, Path int8, Optional<Path> fp32,
      Optional<Path> labels, List<Path> selfTestInputs, int randomVectors, Keys key) throws Exception {
    BundleWriter.write(new BundleWriter.Spec(name, version, int8, fp32, labels, Optional.empty(), selfTestInputs,
        randomVectors, 7L, "0.1.0", BundleManifest.Tolerance.DEFAULT, Instant.parse("2026-11-27T12:00:00Z")), out);
    if (key != null) {
      BundleWriter.sign(out, key.privateKey());
    }
    return out;
  }

  /**
   * Every {@code step}-th row of the demo's held-out windows as self-test input files (their float32
   * features), written into {@code dir}: real windows, where a bad quantization shows.
   */
  public static List<Path> heldOutInputs(Path dir, int step) throws Exception {
    List<String> rows = Files.readAllLines(DemoModels.heldOut(), java.nio.charset.StandardCharsets.UTF_8);
    Files.createDirectories(dir);
    List<Path> inputs = new java.util.ArrayList<>();
    for (int r = 1; r < rows.size(); r += step) {
      String[] cells = rows.get(r).split(",");
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * (cells.length - 1))
          .order(java.nio.ByteOrder.LITTLE_ENDIAN);
      for (int c = 0; c < cells.length - 1; c++) { // the last column is the label
        b.putFloat(Float.parseFloat(cells[c]));
      }
      Path f = dir.resolve("heldout-" + r + ".bin");
      Files.write(f, b.array());
      inputs.add(f);
    }
    return inputs;
  }

  /** The entries of a zip, in order. */
  public static Map<String, byte[]> entries(Path zip) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  public static Path write(Path zip, Map<String, byte[]> entries) throws Exception {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (var e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }

  /**
   * {@code in} with entry {@code path} replaced by {@code bytes}; with {@code resignWith}, the
   * manifest's sha256 and size of that file are fixed and the manifest signed again (a bundle
   * the signer really made, with bad content), else left alone (tampering after signing).
   */
  public static Path replace(Path in, Path out, String path, byte[] bytes, Keys resignWith) throws Exception {
    Map<String, byte[]> entries = entries(in);
    entries.put(path, bytes);
    if (resignWith != null) {
      ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
      ((ObjectNode) manifest.path("files").path(path)).put("sha256", sha256(bytes)).put("size", bytes.length);
      byte[] m = (JSON.writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8);
      entries.put("manifest.json", m);
      entries.put("manifest.sig", TrustedKeys.sign(m, resignWith.privateKey()));
    }
    return write(out, entries);
  }

  /** The path of vector 0's first expected INT8 output file, as the manifest names it. */
  public static String firstExpectedOutput(Path bundle) throws Exception {
    var manifest = JSON.readTree(entries(bundle).get("manifest.json"));
    return manifest.path("selfTest").path("vectors").get(0).path("int8").path("outputs").get(0).asText();
  }

  public static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** A zip whose one entry has unix mode {@code 0120777} (a symbolic link), which ZipOutputStream cannot write. */
  public static Path symlinkZip(Path zip, String name, String target) throws Exception {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] data = target.getBytes(StandardCharsets.UTF_8);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // local file header: signature, version 10, flags 0, method 0 (stored), time/date 0, crc, sizes, name length
    le32(out, 0x04034b50); le16(out, 10); le16(out, 0); le16(out, 0); le16(out, 0); le16(out, 0);
    le32(out, (int) crc.getValue()); le32(out, data.length); le32(out, data.length); le16(out, n.length); le16(out, 0);
    out.write(n);
    out.write(data);
    int central = out.size();
    // central directory header: made by unix (3 << 8 | 20), needs 10, same fields, external attrs = mode << 16
    le32(out, 0x02014b50); le16(out, (3 << 8) | 20); le16(out, 10); le16(out, 0); le16(out, 0); le16(out, 0);
    le16(out, 0); le32(out, (int) crc.getValue()); le32(out, data.length); le32(out, data.length);
    le16(out, n.length); le16(out, 0); le16(out, 0); le16(out, 0); le16(out, 0); le32(out, 0120777 << 16); le32(out, 0);
    out.write(n);
    int centralSize = out.size() - central;
    // end of central directory: one entry
    le32(out, 0x06054b50); le16(out, 0); le16(out, 0); le16(out, 1); le16(out, 1); le32(out, centralSize);
    le32(out, central); le16(out, 0);
    Files.write(zip, out.toByteArray());
    return zip;
  }

  private static void le16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
  }

  private static void le32(ByteArrayOutputStream out, int v) {
    le16(out, v & 0xffff);
    le16(out, (v >>> 16) & 0xffff);
  }
}
