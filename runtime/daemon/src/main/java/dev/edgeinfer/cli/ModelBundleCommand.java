package dev.edgeinfer.cli;

import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.model.BundleManifest;
import dev.edgeinfer.model.BundleManifest.InputSpec;
import dev.edgeinfer.model.BundleManifest.Tolerance;
import dev.edgeinfer.model.BundleRejected;
import dev.edgeinfer.model.BundleWriter;
import dev.edgeinfer.model.RuntimeVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgeinfer model bundle}: a model bundle from its files, with self-test vectors computed here. */
// No mixinStandardHelpOptions: its -V/--version would take the bundle's --version.
@Command(name = "bundle",
    description = {"Make a model bundle (a zip with manifest.json): the INT8 model, an optional FP32 twin and "
        + "labels, and self-test vectors whose expected outputs the pure-Java engine computes here. "
        + "Signed when --key is given (else sign it with model sign)."})
public final class ModelBundleCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--name", required = true, description = "Model name ([A-Za-z0-9._-], as in the config's models:).")
  String name;

  @Option(names = "--version", required = true, description = "Version ([A-Za-z0-9._-]); a device stores each once.")
  String version;

  @Option(names = "--int8", required = true, paramLabel = "A.tflite")
  Path int8;

  @Option(names = "--fp32", paramLabel = "B.tflite")
  Path fp32;

  @Option(names = "--labels", paramLabel = "L", description = "One label per line, one per model output value.")
  Path labels;

  @Option(names = "--window", paramLabel = "SIZE", description = "Samples per window the model expects.")
  Integer window;

  @Option(names = "--hop", paramLabel = "HOP", description = "A new window every HOP samples (default: SIZE).")
  Integer hop;

  @Option(names = "--channels", paramLabel = "C", description = "Values per sample (e.g. 3 for x, y, z).")
  Integer channels;

  @Option(names = "--preprocessing", paramLabel = "KEY=VALUE,...", description = "As pipelines.NAME.preprocessing: "
      + "normalize=none|remove-mean|standardize, features=raw|band-energies, bands=N, logScale=true|false.")
  String preprocessing;

  @Option(names = "--selftest-input", arity = "1..*", paramLabel = "F.bin", description = "One self-test vector per "
      + "file: the INT8 model's input tensor as raw bytes (or, for a quantized input, as float32 values).")
  List<Path> selfTestInputs = List.of();

  @Option(names = "--selftest-random", paramLabel = "N", defaultValue = "0",
      description = "N more self-test vectors of seeded random inputs.")
  int randomVectors;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the random vectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--int8-tolerance", defaultValue = "1", paramLabel = "UNITS",
      description = "Self-test: integer outputs may differ by this many quantized units (default: ${DEFAULT-VALUE}).")
  int intTolerance;

  @Option(names = "--fp32-tolerance", defaultValue = "1e-4", paramLabel = "REL", description = "Self-test: float "
      + "outputs may differ by this much relative to the output's largest magnitude (default: ${DEFAULT-VALUE}).")
  double floatTolerance;

  @Option(names = "--min-runtime", paramLabel = "VERSION",
      description = "Oldest edgeinfer that may install it (default: this one's version, 0.1.0 for a dev build).")
  String minRuntime;

  @Option(names = "--key", paramLabel = "K.key", description = "Sign it with this private key.")
  Path key;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.zip")
  Path output;

  @Override
  public Integer call() throws Exception {
    for (Path p : new Path[] {int8, fp32, labels}) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new UsageError("no such file: " + p);
      }
    }
    for (Path p : selfTestInputs) {
      if (!Files.isRegularFile(p)) {
        throw new UsageError("--selftest-input: no such file: " + p);
      }
    }
    if (selfTestInputs.isEmpty() && randomVectors < 1) {
      throw new UsageError("give self-test inputs: --selftest-input F.bin... or --selftest-random N");
    }
    String current = RuntimeVersion.current();
    String min = minRuntime != null ? minRuntime : current.equals(RuntimeVersion.DEV) ? "0.1.0" : current;
    BundleWriter.Spec spec;
    try {
      spec = new BundleWriter.Spec(name, version, int8, Optional.ofNullable(fp32), Optional.ofNullable(labels),
          input(), selfTestInputs, randomVectors, seed, min, new Tolerance(intTolerance, floatTolerance),
          Instant.now().truncatedTo(ChronoUnit.SECONDS));
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    BundleManifest m;
    try {
      m = BundleWriter.write(spec, output);
    } catch (BundleRejected e) {
      throw new UsageError("cannot bundle (" + e.reason() + "): " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    System.out.println(output + ": " + m.name() + " version " + m.version() + ", " + m.files().size() + " files, "
        + m.selfTest().vectors().size() + " self-test vector(s)");
    if (key != null) {
      String keyId = BundleWriter.sign(output, ModelSignCommand.readKey(key));
      System.out.println(output + ": signed by key " + keyId);
    } else {
      System.out.println(output + ": not signed (edgeinfer model sign --key K.key " + output + ")");
    }
    return Main.OK;
  }

  private Optional<InputSpec> input() {
    if (window == null && hop == null && channels == null && preprocessing == null) {
      return Optional.empty();
    }
    if (window == null || channels == null) {
      throw new UsageError("--window and --channels go together (with --hop and --preprocessing optional)");
    }
    if (window < 1 || channels < 1 || (hop != null && hop < 1)) {
      throw new UsageError("--window, --hop and --channels must be >= 1");
    }
    return Optional.of(new InputSpec(window, hop == null ? window : hop, channels, preprocessing(preprocessing)));
  }

  /** {@code normalize=remove-mean,features=band-energies,bands=8,logScale=true}; missing keys take the config's defaults. */
  static PreprocessingConfig preprocessing(String text) {
    PreprocessingConfig.Normalize normalize = PreprocessingConfig.Normalize.NONE;
    PreprocessingConfig.Features features = PreprocessingConfig.Features.RAW;
    int bands = 8;
    boolean logScale = true;
    if (text != null && !text.isBlank()) {
      for (String pair : text.split(",")) {
        String[] kv = pair.split("=", 2);
        if (kv.length != 2) {
          throw new UsageError("--preprocessing: expected KEY=VALUE, got \"" + pair + "\"");
        }
        String k = kv[0].trim();
        String v = kv[1].trim();
        switch (k) {
          case "normalize" -> normalize = choice(PreprocessingConfig.Normalize.values(), v, k);
          case "features" -> features = choice(PreprocessingConfig.Features.values(), v, k);
          case "bands" -> bands = integer(v, k);
          case "logScale" -> {
            if (!v.equals("true") && !v.equals("false")) {
              throw new UsageError("--preprocessing logScale: expected true or false, got \"" + v + "\"");
            }
            logScale = Boolean.parseBoolean(v);
          }
          default -> throw new UsageError("--preprocessing: unknown key \"" + k
              + "\" (known: normalize, features, bands, logScale)");
        }
      }
    }
    return new PreprocessingConfig(normalize, features, bands, logScale);
  }

  private static <E extends Enum<E>> E choice(E[] values, String v, String key) {
    for (E e : values) {
      if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(v)) {
        return e;
      }
    }
    throw new UsageError("--preprocessing " + key + ": unknown value \"" + v + "\"");
  }

  private static int integer(String v, String key) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageError("--preprocessing " + key + ": expected an integer, got \"" + v + "\"");
    }
  }
}
