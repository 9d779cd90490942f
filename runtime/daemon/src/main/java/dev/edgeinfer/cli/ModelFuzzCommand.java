package dev.edgeinfer.cli;

import dev.edgeinfer.tflite.fuzz.ModelFuzzer;
import dev.edgeinfer.tflite.kernels.BuiltinKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgeinfer model fuzz}: seeded mutations of model files through the pure-Java reader,
 * loader and one invoke; exits 1 when any mutation ends in anything but a model or a typed error.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = "Fuzz the pure-Java model path with seeded mutations of the given models.")
public final class ModelFuzzCommand implements Callable<Integer> {
  @Parameters(paramLabel = "M.tflite", arity = "1..*")
  List<Path> models;

  @Option(names = "--mutations", defaultValue = "100000", paramLabel = "N")
  long mutations;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S")
  long seed;

  @Option(names = "--max-invoke-bytes", defaultValue = "524288", paramLabel = "B",
      description = "Invoke only mutated models up to this size (default: ${DEFAULT-VALUE}).")
  long maxInvokeBytes;

  @Override
  public Integer call() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (Path p : models) {
      if (!Files.isRegularFile(p)) {
        throw new UsageError(p + ": no such model file");
      }
      seeds.add(Files.readAllBytes(p));
    }
    long start = System.nanoTime();
    ModelFuzzer.Report report = new ModelFuzzer(seeds, BuiltinKernels.resolver(), maxInvokeBytes).run(mutations, seed);
    System.out.printf("%s; %.1f s%n", report, (System.nanoTime() - start) / 1e9);
    report.findings().forEach(f -> System.out.println("  finding: " + f));
    return report.findingCount() == 0 ? Main.OK : Main.FAILURE;
  }
}
