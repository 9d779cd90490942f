package dev.edgeinfer.cli;

import dev.edgeinfer.bench.NativeOverheadBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgeinfer bench}: benchmarks that print what they measured in one run. Without a
 * subcommand, the native engine's overhead; {@code bench delivery} and {@code bench outbox} the
 * path to the broker.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run the benchmarks; each prints ratios measured side by side in one run. Without a subcommand:"
        + " the native engine's overhead.",
    subcommands = {BenchDeliveryCommand.class, BenchOutboxCommand.class})
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--models", defaultValue = "../shared/conformance/models", paramLabel = "DIR",
      description = "Folder with mobilenet_v2_quantized_1x3x224x224.tflite and hello_world_int8.tflite "
          + "(default: ${DEFAULT-VALUE}).")
  Path models;

  @Option(names = "--rounds", defaultValue = "9", paramLabel = "N")
  int rounds;

  @Override
  public Integer call() throws Exception {
    Path heavy = models.resolve("mobilenet_v2_quantized_1x3x224x224.tflite");
    Path light = models.resolve("hello_world_int8.tflite");
    for (Path p : new Path[] {heavy, light}) {
      if (!Files.isRegularFile(p)) {
        throw new UsageError("--models " + models + ": " + p.getFileName() + " not found");
      }
    }
    NativeOverheadBenchmark.Result heavyResult = NativeOverheadBenchmark.run(heavy, rounds, 5);
    NativeOverheadBenchmark.Result lightResult = NativeOverheadBenchmark.run(light, rounds, 200_000);
    NativeOverheadBenchmark.print(System.out, heavyResult, lightResult);
    return Main.OK;
  }
}
