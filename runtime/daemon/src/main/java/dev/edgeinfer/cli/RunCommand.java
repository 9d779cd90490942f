package dev.edgeinfer.cli;

import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.system.Daemon;
import dev.edgeinfer.system.Signals;
import dev.edgeinfer.systemd.SystemdNotifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgeinfer run}: the daemon, until SIGTERM or SIGINT, then an orderly stop and exit 0. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the daemon.")
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key by its dotted path.")
  List<String> overrides;

  @Override
  public Integer call() throws Exception {
    EdgeConfig loaded = ConfigFiles.load(config, overrides);
    Signals signals = Signals.install();
    // Under systemd (Type=notify): READY=1, watchdog pings and STOPPING=1; elsewhere nothing.
    Daemon daemon = new Daemon(loaded, null, SystemdNotifier.fromEnvironment(System.getenv()));
    try {
      daemon.start();
      signals.await();
    } finally {
      daemon.stop();
    }
    return Main.OK;
  }
}
