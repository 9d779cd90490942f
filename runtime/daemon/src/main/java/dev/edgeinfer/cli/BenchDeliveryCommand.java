package dev.edgeinfer.cli;

import dev.edgeinfer.bench.DeliveryBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgeinfer bench delivery}: window → subscriber latency and throughput through a loopback broker. */
@Command(name = "delivery", mixinStandardHelpOptions = true,
    description = "Latency (window complete -> subscriber, p50/p99) and throughput of results through the outbox"
        + " and a broker, with the demo's tiny INT8 model. Start a broker first, e.g. mosquitto -p 1883.")
public final class BenchDeliveryCommand implements Callable<Integer> {
  @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
      description = "A loopback broker (default: ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--model", paramLabel = "FILE", description = "INT8 model (default: the demo's).")
  Path model;

  @Option(names = "--latency-results", defaultValue = "2000", paramLabel = "N")
  int latencyResults;

  @Option(names = "--throughput-results", defaultValue = "30000", paramLabel = "N")
  int throughputResults;

  @Option(names = "--intervals", defaultValue = "0,10,100", split = ",", paramLabel = "MS",
      description = "Commit intervals to measure (default: ${DEFAULT-VALUE}).")
  int[] intervals;

  @Option(names = "--sync-interval", defaultValue = "250", paramLabel = "MS",
      description = "outbox.syncIntervalMillis (default: ${DEFAULT-VALUE}).")
  int syncInterval;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the outbox files go (default: a temp folder).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Path m = model != null ? model : DemoFiles.locate().resolveSibling("models/vibration_int8.tflite");
    if (!Files.isRegularFile(m)) {
      throw new UsageError("--model " + m + ": not found");
    }
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("edgeinfer-bench");
    DeliveryBenchmark.run(System.out, dir, broker, m, latencyResults, throughputResults, intervals, syncInterval);
    return Main.OK;
  }
}
