package dev.edgeinfer.cli;

import dev.edgeinfer.config.ConfigException;
import dev.edgeinfer.config.ConfigLoader;
import dev.edgeinfer.config.ConfigProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgeinfer check-config FILE [--set KEY=VALUE]...}: exit 0 and "FILE: ok", or 2 and every problem. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = "Validates a config file; prints one line per problem: path.to.key: what is wrong.")
public final class CheckConfigCommand implements Callable<Integer> {

  /** The contract's exit status for bad usage, bad config or bad input. */
  public static final int EXIT_BAD_CONFIG = 2;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the YAML config file")
  private Path file;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "override a key by its dotted path before checking, e.g. mqtt.broker=tcp://127.0.0.1:1883")
  private List<String> overrides = new ArrayList<>();

  public CheckConfigCommand() {}

  @Override
  public Integer call() {
    // The CommandLine's writers, not System.out/err, so that embedding code and tests can redirect them.
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ConfigLoader.load(file, overrides);
      out.println(file + ": ok");
      out.flush();
      return 0;
    } catch (ConfigException e) {
      for (ConfigProblem problem : e.problems()) {
        err.println(problem);
      }
      err.flush();
      return EXIT_BAD_CONFIG;
    }
  }
}
