package dev.edgeinfer.cli;

import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.system.StartupException;
import dev.edgeinfer.systemd.JournalFormatter;
import dev.edgeinfer.systemd.JournalStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code edgeinfer} command line. Exit status: 0 success; 1 failure at run time; 2 bad usage,
 * bad config or bad input, with a message on stderr that says what and where.
 */
@Command(name = "edgeinfer", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
    description = "Edge inference daemon: sensors in, INT8/FP32 TensorFlow Lite models, results over MQTT.",
    subcommands = {RunCommand.class, DemoCommand.class, CheckConfigCommand.class, InferCommand.class,
        ModelCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;
  /**
   * Paho's internal comms threads log every lost connection at SEVERE with a stack trace; the
   * publisher already logs one line saying what was lost and when it reconnects. Held here so the
   * level is not lost to garbage collection.
   */
  private static final java.util.List<java.util.logging.Logger> QUIETED = java.util.List.of(
      java.util.logging.Logger.getLogger("org.eclipse.paho.mqttv5.client.internal"),
      java.util.logging.Logger.getLogger("org.eclipse.paho.client.mqttv3.internal"));

  public static void main(String[] args) {
    configureLogging();
    System.exit(execute(args));
  }

  /**
   * One line per record. When stderr is the systemd journal, which stamps the time itself, a line
   * carries no timestamp and starts with its syslog priority ({@link JournalFormatter}).
   */
  static void configureLogging() {
    QUIETED.forEach(l -> l.setLevel(java.util.logging.Level.OFF));
    if (JournalStream.isStderr(System.getenv())) {
      for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
        h.setFormatter(new JournalFormatter());
      }
    } else if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
    }
  }

  /** Runs one command line and returns its exit status (tests call this in-process). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof UsageError || e instanceof ModelLoadException || e instanceof StartupException) {
        commandLine.getErr().println("edgeinfer: " + e.getMessage());
        return BAD_INPUT;
      }
      commandLine.getErr().println("edgeinfer: " + e);
      if (System.getenv("EDGEINFER_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr());
      }
      return FAILURE;
    });
    return cli.execute(args);
  }
}
