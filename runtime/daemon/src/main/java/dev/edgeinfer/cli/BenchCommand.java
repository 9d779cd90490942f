package dev.edgeinfer.cli;

import dev.edgeinfer.bench.EnginesBenchmark;
import dev.edgeinfer.bench.NativeOverheadBenchmark;
import dev.edgeinfer.bench.PrecisionSwitchBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgeinfer bench [native-overhead | engines | precision-switch | delivery | outbox]}: benchmarks
 * that print ratios and figures measured side by side in one run. Without a name: the engine and
 * precision benchmarks ({@code delivery} and {@code outbox} need a broker or a large database and
 * run only by name).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run the benchmarks (the engine and precision ones, or one by name); each prints ratios measured"
        + " side by side in one run.",
    subcommands = {BenchCommand.NativeOverhead.class, BenchCommand.EnginesBench.class,
        BenchCommand.PrecisionSwitch.class, BenchDeliveryCommand.class, BenchOutboxCommand.class})
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--conformance", defaultValue = "../shared/conformance", paramLabel = "DIR",
      description = "The conformance set: models/ and goldens/ (default: ${DEFAULT-VALUE}).", scope =
      picocli.CommandLine.ScopeType.INHERIT)
  Path conformance;

  @Override
  public Integer call() throws Exception {
    new NativeOverhead().run(conformance);
    new EnginesBench().run(conformance, 7);
    return new PrecisionSwitch().run(PrecisionSwitch.SWITCHES) ? Main.OK : Main.FAILURE;
  }

  static Path requireModel(Path conformance, String name) {
    Path p = conformance.resolve("models").resolve(name + ".tflite");
    if (!Files.isRegularFile(p)) {
      throw new UsageError("--conformance " + conformance + ": " + p.getFileName() + " not found");
    }
    return p;
  }

  /** Native invoke through our engine against TensorFlow Lite's own Invoke. */
  @Command(name = "native-overhead", mixinStandardHelpOptions = true,
      description = "Overhead of the native engine's invoke over a raw TensorFlow Lite invoke.")
  static final class NativeOverhead implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    BenchCommand parent;

    @Override
    public Integer call() throws Exception {
      run(parent.conformance);
      return Main.OK;
    }

    void run(Path conformance) throws Exception {
      NativeOverheadBenchmark.print(System.out,
          NativeOverheadBenchmark.run(requireModel(conformance, "mobilenet_v2_quantized_1x3x224x224"), 9, 5),
          NativeOverheadBenchmark.run(requireModel(conformance, "hello_world_int8"), 9, 200_000));
    }
  }

  /** The pure-Java engine against native TensorFlow Lite on every conformance model. */
  @Command(name = "engines", mixinStandardHelpOptions = true,
      description = "The pure-Java engine against native TensorFlow Lite on every conformance model.")
  static final class EnginesBench implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    BenchCommand parent;

    @Option(names = "--rounds", defaultValue = "7", paramLabel = "N")
    int rounds;

    @Override
    public Integer call() throws Exception {
      run(parent.conformance, rounds);
      return Main.OK;
    }

    void run(Path conformance, int rounds) throws Exception {
      List<Path> models;
      try (Stream<Path> files = Files.list(conformance.resolve("models"))) {
        models = files.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
      }
      List<EnginesBenchmark.Row> rows = new ArrayList<>();
      for (Path m : models) {
        String name = m.getFileName().toString().replace(".tflite", "");
        if (!Files.isDirectory(conformance.resolve("goldens").resolve(name))) {
          // No goldens means TensorFlow Lite itself refuses the model or crashes on it (see the
          // conformance README): running it natively here could take the benchmark down.
          System.err.println("bench engines: skipping " + name + " (no goldens: TensorFlow Lite cannot run it)");
          continue;
        }
        System.err.println("bench engines: " + name + "...");
        rows.add(EnginesBenchmark.run(m, EnginesBenchmark.goldenInputs(conformance.resolve("goldens"), name), rounds,
            200_000_000L));
      }
      EnginesBenchmark.print(System.out, rows);
    }
  }

  /** INT8 ↔ FP32 switches under load: latency to take effect, and no window lost. */
  @Command(name = "precision-switch", mixinStandardHelpOptions = true,
      description = "Switch the demo pipeline between INT8 and FP32 under load: switch latency, and no window lost.")
  static final class PrecisionSwitch implements Callable<Integer> {
    static final int SWITCHES = 1000;

    @Option(names = "--switches", defaultValue = "1000", paramLabel = "N")
    int switches;

    @Override
    public Integer call() throws Exception {
      if (switches < 1) {
        throw new UsageError("--switches must be >= 1");
      }
      return run(switches) ? Main.OK : Main.FAILURE;
    }

    /** False when a window was lost or duplicated (a bug, not a slow machine). */
    boolean run(int n) throws Exception {
      Path models = DemoFiles.locate().toAbsolutePath().getParent().resolve("models");
      Path state = Files.createTempDirectory("edgeinfer-bench");
      try {
        PrecisionSwitchBenchmark.Result r = PrecisionSwitchBenchmark.run(models.resolve("vibration_int8.tflite"),
            models.resolve("vibration_fp32.tflite"), n, state);
        PrecisionSwitchBenchmark.print(System.out, r);
        return r.noWindowLost() && r.precisionChanges() == n;
      } finally {
        try (Stream<Path> files = Files.walk(state)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
