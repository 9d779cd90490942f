package dev.edgeinfer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.model.BundleManifest.FileEntry;
import dev.edgeinfer.model.BundleManifest.InputSpec;
import dev.edgeinfer.testing.DemoModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a bundle is refused, each with its reason code and a message naming the entry or field.
 * Hostile zips are built here byte by byte ({@link RawZip}); the good bundle is the demo model's.
 */
class BundleVerifierTest {
  private static KeyPair key;
  private static KeyPair stranger;
  private static Path good;

  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void makeBundle() throws Exception {
    key = Ed25519Keys.generate();
    stranger = Ed25519Keys.generate();
    good = TestBundles.demo(shared, "2", key);
  }

  private static BundleVerifier verifier() {
    return new BundleVerifier(TrustedKeys.of(key.getPublic()), Limits.DEFAULTS, "0.1.0");
  }

  private BundleRejected rejected(Path zip) {
    return rejected(verifier(), zip);
  }

  private BundleRejected rejected(BundleVerifier v, Path zip) {
    Path into = tmp.resolve("out");
    BundleRejected e = assertThrows(BundleRejected.class, () -> v.verify(zip, into));
    assertFalse(Files.exists(into), "a rejected bundle leaves nothing extracted");
    return e;
  }

  private Path zip(Map<String, byte[]> entries) throws Exception {
    return TestBundles.write(entries, tmp.resolve("bad.zip"));
  }

  @Test
  void verify_goodBundle_extractsEveryFileAsSigned() throws Exception {
    VerifiedBundle b = verifier().verify(good, tmp.resolve("out"));
    assertEquals("vibration", b.name());
    assertEquals("2", b.version());
    assertEquals(Ed25519Keys.keyId(key.getPublic()), b.signerKeyId());
    assertArrayEquals(Files.readAllBytes(DemoModels.int8()), Files.readAllBytes(b.int8()));
    assertArrayEquals(Files.readAllBytes(DemoModels.fp32()), Files.readAllBytes(b.fp32().orElseThrow()));
    Map<String, byte[]> entries = TestBundles.entries(good);
    assertArrayEquals(entries.get("manifest.json"), Files.readAllBytes(b.dir().resolve("manifest.json")));
    assertArrayEquals(entries.get("manifest.sig"), Files.readAllBytes(b.dir().resolve("manifest.sig")));
    assertEquals(3, b.manifest().selfTest().vectors().size());
  }

  @Test
  void unsigned_isRejected() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    entries.remove("manifest.sig");
    BundleRejected e = rejected(zip(entries));
    assertEquals("unsigned", e.reason());
    assertTrue(e.getMessage().contains("no manifest.sig"), e.getMessage());
  }

  @Test
  void signedByUnknownKey_isRejectedNamingTheKey() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    TestBundles.resign(entries, stranger);
    BundleRejected e = rejected(zip(entries));
    assertEquals("unknown_key", e.reason());
    assertTrue(e.getMessage().contains(Ed25519Keys.keyId(stranger.getPublic())), e.getMessage());
    assertTrue(e.getMessage().contains(Ed25519Keys.keyId(key.getPublic())), "lists the trusted keys: " + e.getMessage());
  }

  @Test
  void tamperedFile_isHashMismatch() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    byte[] model = entries.get("int8.tflite").clone();
    model[model.length / 2] ^= 1;
    entries.put("int8.tflite", model);
    BundleRejected e = rejected(zip(entries));
    assertEquals("hash_mismatch", e.reason());
    assertTrue(e.getMessage().startsWith("int8.tflite: SHA-256 is "), e.getMessage());
  }

  @Test
  void tamperedManifest_isBadSignature() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    String text = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
    entries.put("manifest.json", text.replace("\"version\" : \"2\"", "\"version\" : \"3\"")
        .getBytes(StandardCharsets.UTF_8));
    assertFalse(Arrays.equals(entries.get("manifest.json"), TestBundles.entries(good).get("manifest.json")));
    BundleRejected e = rejected(zip(entries));
    assertEquals("bad_signature", e.reason());
    assertTrue(e.getMessage().contains("does not match manifest.json"), e.getMessage());
  }

  @Test
  void garbledSignatureFile_isBadSignature() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    entries.put("manifest.sig", "{\"alg\":\"Ed25519\",\"keyId\":\"0011223344556677\",\"sig\":\"AAAA\"}"
        .getBytes(StandardCharsets.UTF_8));
    BundleRejected e = rejected(zip(entries));
    assertEquals("bad_signature", e.reason());
    assertTrue(e.getMessage().contains("manifest.sig.sig"), e.getMessage());
  }

  @Test
  void zipSlipEntry_isUnsafePath() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    entries.put("../evil.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    BundleRejected e = rejected(zip(entries));
    assertEquals("unsafe_path", e.reason());
    assertTrue(e.getMessage().contains("\"../evil.sh\"") && e.getMessage().contains(".."), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("evil.sh")));
  }

  @Test
  void nestedClimb_isUnsafePath() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    entries.put("selftest/../../x", new byte[1]);
    assertEquals("unsafe_path", rejected(zip(entries)).reason());
  }

  @Test
  void absolutePath_isUnsafePath() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    entries.put("/tmp/evil", new byte[1]);
    BundleRejected e = rejected(zip(entries));
    assertEquals("unsafe_path", e.reason());
    assertTrue(e.getMessage().contains("absolute"), e.getMessage());
  }

  @Test
  void backslashAndDriveLetter_areUnsafePaths() throws Exception {
    for (String name : new String[] {"..\\evil", "C:evil", "a\0b"}) {
      Map<String, byte[]> entries = TestBundles.entries(good);
      entries.put(name, new byte[1]);
      BundleRejected e = rejected(zip(entries));
      assertEquals("unsafe_path", e.reason(), name);
    }
  }

  @Test
  void duplicateEntry_isUnsafePath() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    RawZip raw = new RawZip();
    entries.forEach(raw::add);
    raw.add("labels.txt", "other\n".getBytes(StandardCharsets.UTF_8));
    BundleRejected e = rejected(raw.write(tmp.resolve("dup.zip")));
    assertEquals("unsafe_path", e.reason());
    assertTrue(e.getMessage().startsWith("labels.txt: listed twice"), e.getMessage());
  }

  @Test
  void symlinkEntry_isRejected() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    RawZip raw = new RawZip();
    entries.forEach((name, data) -> raw.add(name.equals("labels.txt")
        ? new RawZip.Entry(name, "/etc/passwd".getBytes(StandardCharsets.UTF_8), false, 0120777, -1)
        : new RawZip.Entry(name, data, true, 0100644, -1)));
    BundleRejected e = rejected(raw.write(tmp.resolve("link.zip")));
    assertEquals("symlink", e.reason());
    assertTrue(e.getMessage().startsWith("labels.txt: a symbolic link"), e.getMessage());
  }

  @Test
  void directoryEntry_isUnexpected() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    RawZip raw = new RawZip();
    entries.forEach(raw::add);
    raw.add(new RawZip.Entry("selftest/9/", new byte[0], false, 040755, -1));
    assertEquals("unexpected_entry", rejected(raw.write(tmp.resolve("dir.zip"))).reason());
  }

  @Test
  void zipBomb_pastTheUncompressedLimit_isTooLarge() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    TestBundles.replaceFile(entries, "labels.txt", new byte[2 << 20]); // 2 MiB of zeros: a few KiB deflated
    TestBundles.resign(entries, key);
    Path bomb = zip(entries);
    assertTrue(Files.size(bomb) < 32 * 1024, "the bomb is small on the wire: " + Files.size(bomb));
    BundleVerifier strict = new BundleVerifier(TrustedKeys.of(key.getPublic()), new Limits(1 << 20, 1 << 20, 64),
        "0.1.0");
    BundleRejected e = rejected(strict, bomb);
    assertEquals("too_large", e.reason());
    assertTrue(e.getMessage().contains("1048576 bytes uncompressed"), e.getMessage());
  }

  @Test
  void zipBomb_whoseHeadersLie_isStoppedAtTheDeclaredSize() throws Exception {
    // The manifest and the zip both claim 35 bytes; the entry really inflates to 64 MiB.
    Map<String, byte[]> entries = TestBundles.entries(good);
    byte[] labels = entries.get("labels.txt");
    RawZip raw = new RawZip();
    entries.forEach((name, data) -> raw.add(name.equals("labels.txt")
        ? new RawZip.Entry(name, new byte[64 << 20], true, 0100644, labels.length)
        : new RawZip.Entry(name, data, true, 0100644, -1)));
    Path bomb = raw.write(tmp.resolve("liar.zip"));
    assertTrue(Files.size(bomb) < 256 * 1024, "small on the wire: " + Files.size(bomb));
    BundleRejected e = rejected(bomb);
    assertEquals("too_large", e.reason());
    assertTrue(e.getMessage().startsWith("labels.txt: inflates past the " + labels.length + " bytes its header"),
        e.getMessage());
  }

  @Test
  void manifestThatLiesAboutItsSize_isStoppedBeforeTheSignatureIsChecked() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    RawZip raw = new RawZip();
    entries.forEach((name, data) -> raw.add(name.equals("manifest.json")
        ? new RawZip.Entry(name, new byte[32 << 20], true, 0100644, 100)
        : new RawZip.Entry(name, data, true, 0100644, -1)));
    BundleRejected e = rejected(raw.write(tmp.resolve("liar.zip")));
    assertEquals("too_large", e.reason());
    assertTrue(e.getMessage().startsWith("manifest.json: inflates past the 100 bytes"), e.getMessage());
  }

  @Test
  void bundleOverTheFileLimit_isTooLarge() throws Exception {
    BundleVerifier tight = new BundleVerifier(TrustedKeys.of(key.getPublic()), new Limits(1000, 1 << 20, 64), "0.1.0");
    BundleRejected e = rejected(tight, good);
    assertEquals("too_large", e.reason());
    assertTrue(e.getMessage().contains("over the limit of 1000"), e.getMessage());
  }

  @Test
  void tooManyEntries_isTooLarge() throws Exception {
    BundleVerifier tight = new BundleVerifier(TrustedKeys.of(key.getPublic()), new Limits(1 << 20, 1 << 20, 5),
        "0.1.0");
    BundleRejected e = rejected(tight, good);
    assertEquals("too_large", e.reason());
    assertTrue(e.getMessage().contains("entries, over the limit of 5"), e.getMessage());
  }

  @Test
  void truncatedDownload_isCorrupt() throws Exception {
    byte[] whole = Files.readAllBytes(good);
    for (int keep : new int[] {whole.length / 2, whole.length - 10, 10}) {
      Path cut = Files.write(tmp.resolve("cut" + keep + ".zip"), Arrays.copyOf(whole, keep));
      BundleRejected e = rejected(cut);
      assertEquals("corrupt", e.reason(), "kept " + keep + " bytes: " + e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void damagedEntryData_isCorrupt() throws Exception {
    // Same length, one byte of deflate data changed inside the int8 model: CRC or deflate fails.
    byte[] bytes = Files.readAllBytes(good);
    int at = indexOf(bytes, "int8.tflite".getBytes(StandardCharsets.US_ASCII)) + "int8.tflite".length() + 200;
    bytes[at] ^= 0x55;
    BundleRejected e = rejected(Files.write(tmp.resolve("damaged.zip"), bytes));
    assertTrue(e.reason().equals("corrupt") || e.reason().equals("too_large"), e.toString());
    assertTrue(e.getMessage().startsWith("int8.tflite:"), e.getMessage());
  }

  @Test
  void modelTheReaderRejects_isModelRejected() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    byte[] model = entries.get("int8.tflite").clone();
    model[4] = 'X'; // the file identifier TFL3
    TestBundles.replaceFile(entries, "int8.tflite", model);
    TestBundles.resign(entries, key);
    BundleRejected e = rejected(zip(entries));
    assertEquals("model_rejected", e.reason());
    assertTrue(e.getMessage().startsWith("int8.tflite: not a valid .tflite model: not a TensorFlow Lite model"),
        e.getMessage());
  }

  @Test
  void modelWithTheWrongInputShape_isShapeMismatch() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    BundleManifest m = TestBundles.manifest(entries);
    // 4 channels x 8 bands = 32 features; the model takes 24.
    InputSpec four = new InputSpec(128, 64, 4, TestBundles.DEMO_INPUT.preprocessing());
    entries.put("manifest.json", ManifestJson.write(TestBundles.withInput(m, four)));
    TestBundles.resign(entries, key);
    BundleRejected e = rejected(zip(entries));
    assertEquals("shape_mismatch", e.reason());
    assertTrue(e.getMessage().contains("does not take the 32 features"), e.getMessage());
  }

  @Test
  void labelsThatDoNotMatchTheOutputs_isShapeMismatch() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    TestBundles.replaceFile(entries, "labels.txt", "idle\nbusy\n".getBytes(StandardCharsets.UTF_8));
    TestBundles.resign(entries, key);
    BundleRejected e = rejected(zip(entries));
    assertEquals("shape_mismatch", e.reason());
    assertTrue(e.getMessage().startsWith("labels.txt: names 2 labels but the model outputs 4"), e.getMessage());
  }

  @Test
  void selfTestMismatch_isRejectedNamingVectorOutputAndElement() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    byte[] expected = entries.get("selftest/1/int8.output0.bin").clone();
    expected[2] = (byte) (expected[2] + 5);
    TestBundles.replaceFile(entries, "selftest/1/int8.output0.bin", expected);
    TestBundles.resign(entries, key);
    VerifiedBundle b = verifier().verify(zip(entries), tmp.resolve("out"));
    BundleRejected e = assertThrows(BundleRejected.class, () -> SelfTest.run(b, EngineKind.JAVA));
    assertEquals("selftest_mismatch", e.reason());
    assertTrue(e.getMessage().startsWith("vector 1 int8 output 0 element 2: expected " + expected[2] + " got "
        + (byte) (expected[2] - 5) + " (tolerance 1 quantized unit(s))"), e.getMessage());
  }

  @Test
  void runtimeTooOld_isRejected() throws Exception {
    Path zip = tmp.resolve("future.zip");
    BundleWriter.write(TestBundles.demoSpec("2", "0.10.0"), zip);
    BundleWriter.sign(zip, key.getPrivate());
    BundleRejected e = rejected(new BundleVerifier(TrustedKeys.of(key.getPublic()), Limits.DEFAULTS, "0.9.3"), zip);
    assertEquals("runtime_too_old", e.reason());
    assertTrue(e.getMessage().contains("minRuntimeVersion 0.10.0 is newer than this runtime (0.9.3)"), e.getMessage());
    new BundleVerifier(TrustedKeys.of(key.getPublic()), Limits.DEFAULTS, "0.10.0").verify(zip, tmp.resolve("ok"));
  }

  @Test
  void unexpectedExtraEntry_isRejected() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    entries.put("selftest/0/notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
    BundleRejected e = rejected(zip(entries));
    assertEquals("unexpected_entry", e.reason());
    assertTrue(e.getMessage().startsWith("selftest/0/notes.txt: in the zip but not in manifest.json"), e.getMessage());
  }

  @Test
  void missingFile_isRejected() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    entries.remove("fp32.tflite");
    BundleRejected e = rejected(zip(entries));
    assertEquals("missing_file", e.reason());
    assertTrue(e.getMessage().startsWith("fp32.tflite: named in manifest.json but not in the zip"), e.getMessage());
  }

  @Test
  void sizeInManifestDiffersFromZip_isSizeMismatch() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    BundleManifest m = TestBundles.manifest(entries);
    Map<String, FileEntry> files = new LinkedHashMap<>(m.files());
    FileEntry labels = files.get("labels.txt");
    files.put("labels.txt", new FileEntry(labels.sha256(), labels.size() + 1, labels.role()));
    entries.put("manifest.json", ManifestJson.write(TestBundles.withFiles(m, files)));
    TestBundles.resign(entries, key);
    BundleRejected e = rejected(zip(entries));
    assertEquals("size_mismatch", e.reason());
    assertTrue(e.getMessage().startsWith("labels.txt: the manifest says 36 bytes, the zip 35"), e.getMessage());
  }

  @Test
  void manifestWithAnUnknownKey_isBadManifestNamingIt() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    TestBundles.editManifestText(entries, t -> t.replaceFirst("\\{", "{\"extra\": 1,"), key);
    BundleRejected e = rejected(zip(entries));
    assertEquals("bad_manifest", e.reason());
    assertTrue(e.getMessage().startsWith("manifest.json: extra: unknown key"), e.getMessage());
  }

  @Test
  void manifestWithAnUnsafeVersion_isBadManifest() throws Exception {
    Map<String, byte[]> entries = TestBundles.entries(good);
    TestBundles.editManifestText(entries, t -> t.replace("\"version\" : \"2\"", "\"version\" : \"../2\""), key);
    BundleRejected e = rejected(zip(entries));
    assertEquals("bad_manifest", e.reason());
    assertTrue(e.getMessage().startsWith("manifest.json: version: must match"), e.getMessage());
  }

  @Test
  void extractingIntoANonEmptyDirectory_isAProgrammingError() throws Exception {
    Path into = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(into.resolve("x"), "x");
    assertThrows(IllegalArgumentException.class, () -> verifier().verify(good, into));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
