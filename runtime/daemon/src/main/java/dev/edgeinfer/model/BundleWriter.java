package dev.edgeinfer.model;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.TensorType;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.model.BundleManifest.Case;
import dev.edgeinfer.model.BundleManifest.FileEntry;
import dev.edgeinfer.model.BundleManifest.InputSpec;
import dev.edgeinfer.model.BundleManifest.Role;
import dev.edgeinfer.model.BundleManifest.SelfTestSpec;
import dev.edgeinfer.model.BundleManifest.Tolerance;
import dev.edgeinfer.model.BundleManifest.Vector;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.tflite.read.ModelDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Makes bundles: the model files, labels, and self-test vectors whose expected outputs are computed
 * here by the pure-Java engine, with a manifest naming each file's SHA-256 and size; and signs
 * them ({@link #sign}: writes or replaces {@code manifest.sig}). A bundle that the verifier would
 * refuse for its content (a model the reader rejects, shapes that do not fit) is refused here
 * already. Stateless.
 */
public final class BundleWriter {
  static final String INT8 = "int8.tflite";
  static final String FP32 = "fp32.tflite";
  static final String LABELS = "labels.txt";

  private BundleWriter() {}

  /**
   * What goes into a bundle. Self-test vectors: one per file in {@code selfTestInputs}, then
   * {@code randomVectors} more drawn with {@code seed}; at least one in all.
   */
  public record Spec(String name, String version, Path int8, Optional<Path> fp32, Optional<Path> labels,
      Optional<InputSpec> input, List<Path> selfTestInputs, int randomVectors, long seed, String minRuntimeVersion,
      Tolerance tolerance, Instant created) {
    public Spec {
      selfTestInputs = List.copyOf(selfTestInputs);
      if (!BundleManifest.isSafeName(name) || !BundleManifest.isSafeName(version)) {
        throw new IllegalArgumentException("name and version must match [A-Za-z0-9._-]{1,64} and not start with"
            + " . (they become directory names), got \"" + name + "\" and \"" + version + "\"");
      }
      if (!RuntimeVersion.isValid(minRuntimeVersion)) {
        throw new IllegalArgumentException("minimum runtime version must look like 0.1.0, got \"" + minRuntimeVersion
            + "\"");
      }
      if (randomVectors < 0 || selfTestInputs.size() + randomVectors < 1) {
        throw new IllegalArgumentException("a bundle needs at least one self-test vector (input files or random)");
      }
    }
  }

  /** Writes the (unsigned) bundle to {@code out}; returns its manifest. */
  public static BundleManifest write(Spec spec, Path out) throws IOException, BundleRejected {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    Map<String, Role> roles = new LinkedHashMap<>();
    add(contents, roles, INT8, Files.readAllBytes(spec.int8()), Role.INT8);
    if (spec.fp32().isPresent()) {
      add(contents, roles, FP32, Files.readAllBytes(spec.fp32().get()), Role.FP32);
    }
    if (spec.labels().isPresent()) {
      add(contents, roles, LABELS, Files.readAllBytes(spec.labels().get()), Role.LABELS);
    }
    List<Vector> vectors = vectors(spec, contents, roles);
    Map<String, FileEntry> files = new LinkedHashMap<>();
    contents.forEach((path, bytes) -> files.put(path, new FileEntry(sha256(bytes), bytes.length, roles.get(path))));
    BundleManifest m = new BundleManifest(BundleManifest.FORMAT_VERSION, spec.name(), spec.version(),
        spec.minRuntimeVersion(), spec.created(), files, spec.input(), spec.labels().map(l -> LABELS),
        new SelfTestSpec(vectors, spec.tolerance()));
    byte[] manifest = ManifestJson.write(m);
    ManifestJson.parse(manifest); // what we write, we must be able to read back
    ShapeCheck.check(m, descriptions(spec), labelLines(spec));
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
      put(zip, EntryNames.MANIFEST, manifest);
      for (var e : contents.entrySet()) {
        put(zip, e.getKey(), e.getValue());
      }
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return m;
  }

  /** Signs the bundle's manifest.json with {@code key}, writing or replacing manifest.sig (the file is rewritten). */
  public static String sign(Path bundle, PrivateKey key) throws IOException {
    Path tmp = bundle.resolveSibling(bundle.getFileName() + ".tmp");
    byte[] manifest = null;
    try (ZipFile in = new ZipFile(bundle.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        if (e.getName().equals(EntryNames.SIGNATURE)) {
          continue;
        }
        byte[] bytes;
        try (InputStream s = in.getInputStream(e)) {
          bytes = s.readAllBytes();
        }
        if (e.getName().equals(EntryNames.MANIFEST)) {
          manifest = bytes;
        }
        put(out, e.getName(), bytes);
      }
      if (manifest == null) {
        throw new IOException(bundle + ": no manifest.json in it (is it a bundle?)");
      }
      put(out, EntryNames.SIGNATURE, TrustedKeys.sign(manifest, key));
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return Ed25519Keys.keyId(Ed25519Keys.publicOf(key));
  }

  /** Runs the pure-Java engine on each vector's inputs; the outputs become the expected outputs. */
  private static List<Vector> vectors(Spec spec, Map<String, byte[]> contents, Map<String, Role> roles)
      throws IOException, BundleRejected {
    try (InferenceEngine int8 = open(spec.int8());
        InferenceEngine fp32 = spec.fp32().isPresent() ? open(spec.fp32().get()) : null) {
      List<List<byte[]>> inputs = new ArrayList<>();
      // Real-valued inputs as given, where a file held them: the FP32 model must see the real
      // window, not its INT8 rounding, or an input range the quantization clips goes unseen.
      List<byte[]> givenFloats = new ArrayList<>();
      for (Path file : spec.selfTestInputs()) {
        inputs.add(SelfTestVectors.fromFile(file, int8));
        givenFloats.add(SelfTestVectors.floatsGiven(file, int8));
      }
      Random random = new Random(spec.seed());
      for (int i = 0; i < spec.randomVectors(); i++) {
        inputs.add(SelfTestVectors.random(int8, random));
        givenFloats.add(null);
      }
      List<Vector> vectors = new ArrayList<>();
      for (int v = 0; v < inputs.size(); v++) {
        Map<Precision, Case> cases = new EnumMap<>(Precision.class);
        cases.put(Precision.INT8, runCase(int8, inputs.get(v), "selftest/" + v + "/int8.", contents, roles));
        if (fp32 != null) {
          List<byte[]> fpInputs = givenFloats.get(v) != null && fp32.inputs().get(0).type() == TensorType.FLOAT32
              && fp32.inputs().get(0).byteSize() == givenFloats.get(v).length
              ? List.of(givenFloats.get(v)) : SelfTestVectors.forFp32(inputs.get(v), int8, fp32);
          cases.put(Precision.FP32, runCase(fp32, fpInputs, "selftest/" + v + "/fp32.", contents, roles));
        }
        vectors.add(new Vector(cases, v >= spec.selfTestInputs().size()));
      }
      return vectors;
    }
  }

  private static Case runCase(InferenceEngine engine, List<byte[]> inputs, String prefix, Map<String, byte[]> contents,
      Map<String, Role> roles) {
    List<byte[]> outputs = TensorValues.run(engine, inputs);
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      in.add(prefix + "input" + i + ".bin");
      add(contents, roles, in.get(i), inputs.get(i), Role.SELFTEST);
    }
    for (int j = 0; j < outputs.size(); j++) {
      out.add(prefix + "output" + j + ".bin");
      add(contents, roles, out.get(j), outputs.get(j), Role.SELFTEST);
    }
    return new Case(in, out);
  }

  private static InferenceEngine open(Path model) throws BundleRejected {
    try {
      return Engines.open(model, Engines.Options.of(EngineKind.JAVA, 1));
    } catch (ModelLoadException e) {
      throw new BundleRejected("model_rejected", e.getMessage(), e);
    }
  }

  private static Map<Precision, ModelDescription> descriptions(Spec spec) throws BundleRejected {
    Map<Precision, ModelDescription> out = new EnumMap<>(Precision.class);
    try {
      out.put(Precision.INT8, Engines.describe(spec.int8()));
      if (spec.fp32().isPresent()) {
        out.put(Precision.FP32, Engines.describe(spec.fp32().get()));
      }
    } catch (ModelLoadException e) {
      throw new BundleRejected("model_rejected", e.getMessage(), e);
    }
    return out;
  }

  private static List<String> labelLines(Spec spec) throws IOException {
    List<String> out = new ArrayList<>();
    if (spec.labels().isPresent()) {
      for (String line : Files.readAllLines(spec.labels().get(), StandardCharsets.UTF_8)) {
        if (!line.trim().isEmpty()) {
          out.add(line.trim());
        }
      }
    }
    return out;
  }

  private static void add(Map<String, byte[]> contents, Map<String, Role> roles, String path, byte[] bytes, Role role) {
    contents.put(path, bytes);
    roles.put(path, role);
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(BundleVerifier.sha256().digest(bytes));
  }
}
