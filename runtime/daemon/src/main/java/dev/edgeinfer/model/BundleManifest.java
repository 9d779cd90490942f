package dev.edgeinfer.model;

import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.pipeline.Precision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code manifest.json} of a bundle: what the model is, which files make it up (each with SHA-256,
 * size and role), the input it expects, and the self-test that proves a device runs it as its
 * author did. Immutable; maps keep the manifest's order. Parsed strictly by {@link ManifestJson}.
 */
public record BundleManifest(
    int formatVersion,
    String name,
    String version,
    String minRuntimeVersion,
    Instant created,
    Map<String, FileEntry> files,
    Optional<InputSpec> input,
    Optional<String> labels,
    SelfTestSpec selfTest) {

  public static final int FORMAT_VERSION = 1;
  /** Model names and versions become directory names: a safe charset only, not starting with "." (the store's own). */
  public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public BundleManifest {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** True when {@code s} may be a model name or version (and so a directory name). */
  public static boolean isSafeName(String s) {
    return s != null && SAFE_NAME.matcher(s).matches() && !s.startsWith(".");
  }

  /** The bundle path of the file with {@code role} (INT8 always exists; FP32 may not). */
  public Optional<String> pathOf(Role role) {
    return files.entrySet().stream().filter(e -> e.getValue().role() == role).map(Map.Entry::getKey).findFirst();
  }

  public String int8Path() {
    return pathOf(Role.INT8).orElseThrow();
  }

  public Optional<String> fp32Path() {
    return pathOf(Role.FP32);
  }

  /** The precisions this bundle carries a model for. */
  public List<Precision> precisions() {
    List<Precision> out = new ArrayList<>(List.of(Precision.INT8));
    fp32Path().ifPresent(p -> out.add(Precision.FP32));
    return out;
  }

  /** One file of the bundle. */
  public record FileEntry(String sha256, long size, Role role) {}

  /** What a file is for. */
  public enum Role {
    INT8, FP32, LABELS, SELFTEST;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The input the model expects, in the pipeline config's terms: windows of {@code windowSize}
   * samples every {@code hop}, {@code channels} values per sample, turned into the model's input by
   * {@code preprocessing} (the same shape as {@code pipelines.NAME.preprocessing}).
   */
  public record InputSpec(int windowSize, int hop, int channels, PreprocessingConfig preprocessing) {}

  /** Self-test vectors and the tolerances their outputs are compared with. */
  public record SelfTestSpec(List<Vector> vectors, Tolerance tolerance) {
    public SelfTestSpec {
      vectors = List.copyOf(vectors);
    }
  }

  /**
   * One self-test vector: per precision, the raw input tensor files and the expected output tensor
   * files. {@code random}: drawn from a generator rather than given, so it checks that a device
   * computes what the bundler did, but says little about INT8/FP32 agreement on real data.
   */
  public record Vector(Map<Precision, Case> cases, boolean random) {
    public Vector {
      cases = Collections.unmodifiableMap(new LinkedHashMap<>(cases));
    }
  }

  /**
   * The model of one precision run on {@code inputs} (raw little-endian bytes of input tensor i)
   * gives {@code outputs} (the same for output tensor j), from its initial state.
   */
  public record Case(List<String> inputs, List<String> outputs) {
    public Case {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * How far a device's output may be from the expected one: integer tensors by at most
   * {@code integerMaxAbsDiff} quantized units; float tensors by at most {@code floatRelative} times
   * the largest magnitude in that expected tensor.
   */
  public record Tolerance(int integerMaxAbsDiff, double floatRelative) {
    public static final Tolerance DEFAULT = new Tolerance(1, 1e-4);
  }
}
