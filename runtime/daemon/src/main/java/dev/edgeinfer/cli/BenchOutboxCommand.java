package dev.edgeinfer.cli;

import dev.edgeinfer.outbox.OutboxBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgeinfer bench outbox}: write throughput per commit interval, and a start with a large backlog. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
    description = "Outbox write throughput per commit interval (no broker needed), then a start with --backlog results"
        + " waiting: time until a new result reaches a subscriber on --broker, and the drain rate.")
public final class BenchOutboxCommand implements Callable<Integer> {
  @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
      description = "A loopback broker for the backlog part (default: ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--results", defaultValue = "100000", paramLabel = "N", description = "Results per write run.")
  int results;

  @Option(names = "--intervals", defaultValue = "0,10,50,100,500", split = ",", paramLabel = "MS")
  int[] intervals;

  @Option(names = "--backlog", defaultValue = "1000000", paramLabel = "N", description = "0 skips the backlog part.")
  int backlog;

  @Option(names = "--drain-seconds", defaultValue = "5", paramLabel = "S")
  int drainSeconds;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the outbox files go; put it on the device's SD card to measure the card (default: a temp folder).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("edgeinfer-bench");
    OutboxBenchmark.writeThroughput(System.out, dir, results, intervals);
    if (backlog > 0) {
      OutboxBenchmark.backlogStartup(System.out, dir, broker, backlog, drainSeconds);
    }
    return Main.OK;
  }
}
