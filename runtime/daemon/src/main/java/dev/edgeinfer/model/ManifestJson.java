package dev.edgeinfer.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.model.BundleManifest.Case;
import dev.edgeinfer.model.BundleManifest.FileEntry;
import dev.edgeinfer.model.BundleManifest.InputSpec;
import dev.edgeinfer.model.BundleManifest.Role;
import dev.edgeinfer.model.BundleManifest.SelfTestSpec;
import dev.edgeinfer.model.BundleManifest.Tolerance;
import dev.edgeinfer.model.BundleManifest.Vector;
import dev.edgeinfer.pipeline.Precision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link BundleManifest} to and from JSON. Parsing is strict (a bundle is untrusted input even
 * after its signature checks out: a signer's tool may be buggy): unknown or duplicate keys, wrong
 * types, unsafe paths, and files that are named but unused all fail with {@code bad_manifest} and
 * the key path, e.g. {@code files["int8.tflite"].size: expected a non-negative integer}.
 */
public final class ManifestJson {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestJson() {}

  public static byte[] write(BundleManifest m) {
    ObjectNode root = JSON.createObjectNode()
        .put("formatVersion", m.formatVersion())
        .put("name", m.name())
        .put("version", m.version())
        .put("minRuntimeVersion", m.minRuntimeVersion())
        .put("created", m.created().toString());
    ObjectNode files = root.putObject("files");
    m.files().forEach((path, f) -> files.putObject(path)
        .put("sha256", f.sha256()).put("size", f.size()).put("role", f.role().jsonName()));
    m.input().ifPresent(in -> {
      ObjectNode input = root.putObject("input");
      input.putObject("window").put("size", in.windowSize()).put("hop", in.hop());
      input.put("channels", in.channels());
      input.putObject("preprocessing")
          .put("normalize", in.preprocessing().normalize().configName())
          .put("features", in.preprocessing().features().configName())
          .put("bands", in.preprocessing().bands())
          .put("logScale", in.preprocessing().logScale());
    });
    m.labels().ifPresent(l -> root.put("labels", l));
    ObjectNode selfTest = root.putObject("selfTest");
    selfTest.putObject("tolerance")
        .put("integerMaxAbsDiff", m.selfTest().tolerance().integerMaxAbsDiff())
        .put("floatRelative", m.selfTest().tolerance().floatRelative());
    ArrayNode vectors = selfTest.putArray("vectors");
    for (Vector v : m.selfTest().vectors()) {
      ObjectNode vector = vectors.addObject();
      if (v.random()) {
        vector.put("random", true);
      }
      v.cases().forEach((precision, c) -> {
        ObjectNode o = vector.putObject(precision.configName());
        c.inputs().forEach(o.putArray("inputs")::add);
        c.outputs().forEach(o.putArray("outputs")::add);
      });
    }
    try {
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static BundleManifest parse(byte[] bytes) throws BundleRejected {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new BundleRejected("bad_manifest", "manifest.json: not valid JSON: " + why);
    }
    if (root == null || !root.isObject()) {
      throw new BundleRejected("bad_manifest", "manifest.json: expected a JSON object");
    }
    allowOnly(root, "", "formatVersion", "name", "version", "minRuntimeVersion", "created", "files", "input",
        "labels", "selfTest");
    int format = (int) integer(root, "", "formatVersion", 1, Integer.MAX_VALUE);
    if (format != BundleManifest.FORMAT_VERSION) {
      throw bad("formatVersion", "this runtime reads format " + BundleManifest.FORMAT_VERSION + ", got " + format);
    }
    String name = safeName(root, "name");
    String version = safeName(root, "version");
    String minRuntime = text(root, "", "minRuntimeVersion");
    if (!RuntimeVersion.isValid(minRuntime)) {
      throw bad("minRuntimeVersion", "expected a version like 0.1.0, got \"" + minRuntime + "\"");
    }
    Instant created;
    try {
      created = Instant.parse(text(root, "", "created"));
    } catch (DateTimeParseException e) {
      throw bad("created", "expected an ISO-8601 instant like 2026-11-27T14:00:00Z");
    }
    Map<String, FileEntry> files = files(object(root, "", "files"));
    Optional<InputSpec> input = root.has("input") ? Optional.of(input(object(root, "", "input"))) : Optional.empty();
    Optional<String> labels = root.has("labels") ? Optional.of(text(root, "", "labels")) : Optional.empty();
    SelfTestSpec selfTest = selfTest(object(root, "", "selfTest"));
    BundleManifest m = new BundleManifest(format, name, version, minRuntime, created, files, input, labels, selfTest);
    checkRoles(m);
    return m;
  }

  private static Map<String, FileEntry> files(JsonNode node) throws BundleRejected {
    Map<String, FileEntry> out = new LinkedHashMap<>();
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      String path = e.getKey();
      String where = "files[\"" + path + "\"]";
      String unsafe = EntryNames.problem(path);
      if (unsafe != null || !EntryNames.isPlain(path)) {
        throw bad(where, unsafe != null ? unsafe : "a bundle path is segments of [A-Za-z0-9._-] joined by /");
      }
      if (EntryNames.isReserved(path)) {
        throw bad(where, path + " is the bundle's own file and cannot be listed");
      }
      JsonNode f = e.getValue();
      if (!f.isObject()) {
        throw bad(where, "expected an object");
      }
      allowOnly(f, where, "sha256", "size", "role");
      String sha = text(f, where, "sha256");
      if (!sha.matches("[0-9a-f]{64}")) {
        throw bad(where + ".sha256", "expected 64 lowercase hex digits");
      }
      long size = integer(f, where, "size", 0, Long.MAX_VALUE);
      String roleName = text(f, where, "role");
      Role role = null;
      for (Role r : Role.values()) {
        if (r.jsonName().equals(roleName)) {
          role = r;
        }
      }
      if (role == null) {
        throw bad(where + ".role", "expected int8, fp32, labels or selftest, got \"" + roleName + "\"");
      }
      out.put(path, new FileEntry(sha, size, role));
    }
    return out;
  }

  private static InputSpec input(JsonNode in) throws BundleRejected {
    allowOnly(in, "input", "window", "channels", "preprocessing");
    JsonNode window = object(in, "input", "window");
    allowOnly(window, "input.window", "size", "hop");
    int size = (int) integer(window, "input.window", "size", 1, 65536);
    int hop = (int) integer(window, "input.window", "hop", 1, Integer.MAX_VALUE);
    int channels = (int) integer(in, "input", "channels", 1, 1024);
    JsonNode pre = object(in, "input", "preprocessing");
    allowOnly(pre, "input.preprocessing", "normalize", "features", "bands", "logScale");
    PreprocessingConfig.Normalize normalize = choice(pre, "normalize", PreprocessingConfig.Normalize.values());
    PreprocessingConfig.Features features = choice(pre, "features", PreprocessingConfig.Features.values());
    int bands = (int) integer(pre, "input.preprocessing", "bands", 1, 32768);
    JsonNode log = pre.get("logScale");
    if (log == null || !log.isBoolean()) {
      throw bad("input.preprocessing.logScale", "expected true or false");
    }
    return new InputSpec(size, hop, channels, new PreprocessingConfig(normalize, features, bands, log.booleanValue()));
  }

  private static <E extends Enum<E>> E choice(JsonNode pre, String key, E[] values) throws BundleRejected {
    String text = text(pre, "input.preprocessing", key);
    List<String> names = new ArrayList<>();
    for (E e : values) {
      String n = e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      if (n.equals(text)) {
        return e;
      }
      names.add(n);
    }
    throw bad("input.preprocessing." + key, "expected one of " + String.join(", ", names) + ", got \"" + text + "\"");
  }

  private static SelfTestSpec selfTest(JsonNode node) throws BundleRejected {
    allowOnly(node, "selfTest", "tolerance", "vectors");
    JsonNode tol = object(node, "selfTest", "tolerance");
    allowOnly(tol, "selfTest.tolerance", "integerMaxAbsDiff", "floatRelative");
    int intDiff = (int) integer(tol, "selfTest.tolerance", "integerMaxAbsDiff", 0, 255);
    JsonNode rel = tol.get("floatRelative");
    if (rel == null || !rel.isNumber() || !(rel.doubleValue() >= 0) || rel.doubleValue() > 1) {
      throw bad("selfTest.tolerance.floatRelative", "expected a number in [0, 1]");
    }
    JsonNode vectors = node.get("vectors");
    if (vectors == null || !vectors.isArray()) {
      throw bad("selfTest.vectors", "expected a list");
    }
    List<Vector> out = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      String where = "selfTest.vectors[" + i + "]";
      JsonNode v = vectors.get(i);
      if (!v.isObject() || v.size() == 0) {
        throw bad(where, "expected an object with int8 and/or fp32");
      }
      allowOnly(v, where, "int8", "fp32", "random");
      JsonNode random = v.get("random");
      if (random != null && !random.isBoolean()) {
        throw bad(where + ".random", "expected true or false");
      }
      Map<Precision, Case> cases = new EnumMap<>(Precision.class);
      for (Precision p : Precision.values()) {
        if (v.has(p.configName())) {
          String cw = where + "." + p.configName();
          JsonNode c = object(v, where, p.configName());
          allowOnly(c, cw, "inputs", "outputs");
          cases.put(p, new Case(paths(c, cw, "inputs"), paths(c, cw, "outputs")));
        }
      }
      out.add(new Vector(cases, random != null && random.booleanValue()));
    }
    return new SelfTestSpec(out, new Tolerance(intDiff, rel.doubleValue()));
  }

  private static List<String> paths(JsonNode c, String where, String key) throws BundleRejected {
    JsonNode list = c.get(key);
    if (list == null || !list.isArray() || list.size() == 0) {
      throw bad(where + "." + key, "expected a non-empty list of bundle paths");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isTextual()) {
        throw bad(where + "." + key + "[" + i + "]", "expected a string");
      }
      out.add(list.get(i).textValue());
    }
    return out;
  }

  /** Cross-checks: one INT8 model, at most one FP32, labels and self-test files named where used and used where named. */
  private static void checkRoles(BundleManifest m) throws BundleRejected {
    Map<Role, Integer> counts = new EnumMap<>(Role.class);
    m.files().values().forEach(f -> counts.merge(f.role(), 1, Integer::sum));
    if (counts.getOrDefault(Role.INT8, 0) != 1) {
      throw bad("files", "expected exactly one file with role int8, got " + counts.getOrDefault(Role.INT8, 0));
    }
    if (counts.getOrDefault(Role.FP32, 0) > 1 || counts.getOrDefault(Role.LABELS, 0) > 1) {
      throw bad("files", "at most one file each with role fp32 and labels");
    }
    Optional<String> labelsFile = m.pathOf(Role.LABELS);
    if (!labelsFile.equals(m.labels())) {
      throw bad("labels", "must name the file with role labels (" + labelsFile.orElse("none") + "), got "
          + m.labels().orElse("none"));
    }
    Set<String> used = new HashSet<>();
    List<Vector> vectors = m.selfTest().vectors();
    for (int i = 0; i < vectors.size(); i++) {
      for (var e : vectors.get(i).cases().entrySet()) {
        if (e.getKey() == Precision.FP32 && m.fp32Path().isEmpty()) {
          throw bad("selfTest.vectors[" + i + "].fp32", "the bundle has no fp32 model");
        }
        String where = "selfTest.vectors[" + i + "]." + e.getKey().configName();
        for (String p : concat(e.getValue().inputs(), e.getValue().outputs())) {
          FileEntry f = m.files().get(p);
          if (f == null || f.role() != Role.SELFTEST) {
            throw bad(where, "\"" + p + "\" is not a file with role selftest in files");
          }
          used.add(p);
        }
      }
    }
    for (var e : m.files().entrySet()) {
      if (e.getValue().role() == Role.SELFTEST && !used.contains(e.getKey())) {
        throw bad("files[\"" + e.getKey() + "\"]", "a selftest file that no vector uses");
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String safeName(JsonNode root, String key) throws BundleRejected {
    String s = text(root, "", key);
    if (!BundleManifest.isSafeName(s)) {
      throw bad(key, "must match [A-Za-z0-9._-]{1,64} and not start with . (it becomes a directory name), got \""
          + s + "\"");
    }
    return s;
  }

  private static void allowOnly(JsonNode node, String where, String... keys) throws BundleRejected {
    Set<String> known = Set.of(keys);
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        throw bad(join(where, k), "unknown key (known: " + String.join(", ", keys) + ")");
      }
    }
  }

  private static JsonNode object(JsonNode node, String where, String key) throws BundleRejected {
    JsonNode v = node.get(key);
    if (v == null || !v.isObject()) {
      throw bad(join(where, key), v == null ? "required key is missing" : "expected an object");
    }
    return v;
  }

  private static String text(JsonNode node, String where, String key) throws BundleRejected {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual()) {
      throw bad(join(where, key), v == null ? "required key is missing" : "expected a string, got " + v);
    }
    return v.textValue();
  }

  private static long integer(JsonNode node, String where, String key, long min, long max) throws BundleRejected {
    JsonNode v = node.get(key);
    if (v == null) {
      throw bad(join(where, key), "required key is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      throw bad(join(where, key), "expected an integer in [" + min + ", " + max + "], got " + v);
    }
    return v.longValue();
  }

  private static String join(String where, String key) {
    return where.isEmpty() ? key : where + "." + key;
  }

  private static BundleRejected bad(String where, String message) {
    return new BundleRejected("bad_manifest", "manifest.json: " + where + ": " + message);
  }
}
