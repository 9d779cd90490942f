package dev.edgeinfer.cli;

import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.model.BundleManifest;
import dev.edgeinfer.model.BundleRejected;
import dev.edgeinfer.model.BundleVerifier;
import dev.edgeinfer.model.Limits;
import dev.edgeinfer.model.SelfTest;
import dev.edgeinfer.model.SelfTestReport;
import dev.edgeinfer.model.TrustedKeys;
import dev.edgeinfer.model.VerifiedBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgeinfer model verify}: every check a device makes before it installs a bundle, here and
 * now: signature, zip structure, sizes, hashes, models, shapes; the self-test too with
 * {@code --selftest}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check a model bundle as a device would: signature by a trusted key, zip entries, sizes, SHA-256, "
        + "models (pure-Java reader), shapes; with --selftest also run its self-test vectors.",
        "On rejection prints BUNDLE.zip: rejected (REASON): message and exits 2."})
public final class ModelVerifyCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Trust trust;

  static final class Trust {
    // One key per --trusted (repeat it): a list option would swallow BUNDLE.zip.
    @Option(names = "--trusted", paramLabel = "P.pub", description = "A trusted public key; repeat for more.")
    List<Path> keys;

    @Option(names = "--config", paramLabel = "FILE", description = "Trust the keys (and limits) of this device config.")
    Path config;
  }

  @Option(names = "--selftest", description = "Also run the bundle's self-test vectors.")
  boolean selfTest;

  @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|tflite|java", converter =
      EngineKindConverter.class, description = "The engine the self-test runs on (default: ${DEFAULT-VALUE}).")
  EngineKind engine;

  @Parameters(paramLabel = "BUNDLE.zip")
  Path bundle;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(bundle)) {
      throw new UsageError("no such bundle: " + bundle);
    }
    TrustedKeys keys;
    Limits limits = Limits.DEFAULTS;
    try {
      if (trust.config != null) {
        EdgeConfig config = ConfigFiles.load(trust.config, List.of());
        keys = TrustedKeys.load(config.updates().trustedKeys());
        limits = new Limits(config.updates().maxBundleBytes(), config.updates().maxUncompressedBytes(),
            Limits.DEFAULTS.maxEntries());
      } else {
        keys = TrustedKeys.load(trust.keys);
      }
    } catch (IOException e) {
      throw new UsageError(e.getMessage());
    }
    Path dir = Files.createTempDirectory("edgeinfer-verify");
    try {
      VerifiedBundle b = new BundleVerifier(keys, limits).verify(bundle, dir.resolve("bundle"));
      print(b);
      if (selfTest) {
        SelfTestReport report = SelfTest.run(b, engine);
        System.out.println("self-test: passed, " + report);
      }
      return Main.OK;
    } catch (BundleRejected e) {
      System.err.println(bundle + ": rejected (" + e.reason() + "): " + e.getMessage());
      return Main.BAD_INPUT;
    } finally {
      deleteTree(dir);
    }
  }

  private void print(VerifiedBundle b) {
    BundleManifest m = b.manifest();
    System.out.println(bundle + ": ok");
    System.out.println("  model " + m.name() + " version " + m.version() + ", created " + m.created()
        + ", needs runtime " + m.minRuntimeVersion() + " or newer");
    System.out.println("  signed by key " + b.signerKeyId());
    m.input().ifPresent(in -> System.out.println("  input: window " + in.windowSize() + " hop " + in.hop() + ", "
        + in.channels() + " channel(s), normalize " + in.preprocessing().normalize().configName() + ", features "
        + in.preprocessing().features().configName()
        + (in.preprocessing().features() == dev.edgeinfer.config.PreprocessingConfig.Features.BAND_ENERGIES
            ? " (" + in.preprocessing().bands() + " bands, logScale " + in.preprocessing().logScale() + ")" : "")));
    System.out.println("  files:");
    m.files().forEach((path, f) -> System.out.printf("    %-32s %-8s %,12d bytes  sha256 %s%n", path,
        f.role().jsonName(), f.size(), f.sha256()));
    System.out.println("  self-test: " + m.selfTest().vectors().size() + " vector(s), tolerance "
        + m.selfTest().tolerance().integerMaxAbsDiff() + " quantized unit(s) / "
        + m.selfTest().tolerance().floatRelative() + " relative");
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
