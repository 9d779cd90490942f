package dev.edgeinfer.model;

import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.model.BundleManifest.FileEntry;
import dev.edgeinfer.model.BundleManifest.InputSpec;
import dev.edgeinfer.model.BundleManifest.Tolerance;
import dev.edgeinfer.testing.DemoModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The demo vibration models as bundles, and ways to take a good bundle apart and put it back together wrong. */
final class TestBundles {
  static final InputSpec DEMO_INPUT = new InputSpec(128, 64, 3, new PreprocessingConfig(
      PreprocessingConfig.Normalize.REMOVE_MEAN, PreprocessingConfig.Features.BAND_ENERGIES, 8, true));
  static final Instant CREATED = Instant.parse("2026-11-27T12:00:00Z");

  private TestBundles() {}

  static BundleWriter.Spec demoSpec(String version) {
    return demoSpec(version, "0.1.0");
  }

  static BundleWriter.Spec demoSpec(String version, String minRuntime) {
    return new BundleWriter.Spec("vibration", version, DemoModels.int8(), Optional.of(DemoModels.fp32()),
        Optional.of(DemoModels.labels()), Optional.of(DEMO_INPUT), List.of(), 3, 42, minRuntime, Tolerance.DEFAULT,
        CREATED);
  }

  /** A signed demo bundle of {@code version}. */
  static Path demo(Path dir, String version, KeyPair key) throws Exception {
    Path zip = dir.resolve("vibration-" + version + ".zip");
    BundleWriter.write(demoSpec(version), zip);
    BundleWriter.sign(zip, key.getPrivate());
    return zip;
  }

  /** A signed bundle of few files (INT8 and labels, one self-test vector), for tests that repeat installs. */
  static Path small(Path dir, String version, KeyPair key) throws Exception {
    Path zip = dir.resolve("vibration-" + version + ".zip");
    BundleWriter.write(new BundleWriter.Spec("vibration", version, DemoModels.int8(), Optional.empty(),
        Optional.of(DemoModels.labels()), Optional.of(DEMO_INPUT), List.of(), 1, 42, "0.1.0", Tolerance.DEFAULT,
        CREATED), zip);
    BundleWriter.sign(zip, key.getPrivate());
    return zip;
  }

  /** Entry name -> bytes, in zip order. */
  static Map<String, byte[]> entries(Path zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        try (InputStream in = z.getInputStream(e)) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }

  static BundleManifest manifest(Map<String, byte[]> entries) throws BundleRejected {
    return ManifestJson.parse(entries.get("manifest.json"));
  }

  /** Replaces {@code path}'s bytes and makes the manifest (not yet re-signed) agree with them. */
  static void replaceFile(Map<String, byte[]> entries, String path, byte[] bytes) throws BundleRejected {
    BundleManifest m = manifest(entries);
    Map<String, FileEntry> files = new LinkedHashMap<>(m.files());
    files.put(path, new FileEntry(BundleWriter.sha256(bytes), bytes.length, files.get(path).role()));
    entries.put(path, bytes);
    entries.put("manifest.json", ManifestJson.write(withFiles(m, files)));
  }

  static BundleManifest withFiles(BundleManifest m, Map<String, FileEntry> files) {
    return new BundleManifest(m.formatVersion(), m.name(), m.version(), m.minRuntimeVersion(), m.created(), files,
        m.input(), m.labels(), m.selfTest());
  }

  static BundleManifest withInput(BundleManifest m, InputSpec input) {
    return new BundleManifest(m.formatVersion(), m.name(), m.version(), m.minRuntimeVersion(), m.created(), m.files(),
        Optional.of(input), m.labels(), m.selfTest());
  }

  /** Edits manifest.json as text (for documents the record cannot express) and re-signs it. */
  static void editManifestText(Map<String, byte[]> entries, UnaryOperator<String> edit, KeyPair key) {
    String text = new String(entries.get("manifest.json"), java.nio.charset.StandardCharsets.UTF_8);
    entries.put("manifest.json", edit.apply(text).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    resign(entries, key);
  }

  static void resign(Map<String, byte[]> entries, KeyPair key) {
    entries.put("manifest.sig", TrustedKeys.sign(entries.get("manifest.json"), key.getPrivate()));
  }

  static Path write(Map<String, byte[]> entries, Path zip) throws IOException {
    RawZip raw = new RawZip();
    entries.forEach(raw::add);
    return raw.write(zip);
  }
}
