package dev.edgeinfer.cli;

import dev.edgeinfer.model.ModelStore;
import dev.edgeinfer.model.StoreException;
import dev.edgeinfer.model.StoredVersion;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edgeinfer model rollback}: the local store's model back to its previous version. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Return a model in the local store to its previous version.",
        "A daemon running on this store keeps serving what it loaded: the rollback takes effect at its next start.",
        "With --broker and --device: tell the running daemon over MQTT (model/rollback); it switches at once."})
public final class ModelRollbackCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  StoreLocation location;

  @Option(names = "--broker", paramLabel = "URL", description = "Remote form: the MQTT broker of the running daemon.")
  String broker;

  @Option(names = "--device", paramLabel = "ID", description = "Remote form: the device whose daemon rolls back.")
  String device;

  @Option(names = "--prefix", paramLabel = "P", defaultValue = "edgeinfer", description = "Remote form: topic prefix.")
  String prefix;

  @Parameters(paramLabel = "MODEL")
  String model;

  @Override
  public Integer call() throws Exception {
    if (broker != null || device != null) {
      if (broker == null || device == null || location != null) {
        throw new UsageError("the remote form takes --broker URL and --device ID (and no --config/--state-dir)");
      }
      return RemoteRollback.run(broker, prefix, device, model);
    }
    if (location == null) {
      throw new UsageError("give --config FILE or --state-dir DIR (local store), or --broker URL --device ID (remote)");
    }
    ModelStore store = location.open();
    if (!store.models().contains(model)) {
      throw new UsageError("no model named " + model + " in " + store.root());
    }
    if (store.pending(model).isPresent()) {
      throw new UsageError(model + ": an update is in progress (version " + store.pending(model).get().version()
          + "); the daemon undoes it at its next start, or finishes it");
    }
    Optional<String> was = store.active(model).map(StoredVersion::version);
    try {
      String now = store.rollback(model).map(v -> "version " + v.version()).orElse("the config's files");
      System.out.println(model + ": rolled back to " + now + was.map(v -> " (was version " + v + ")")
          .orElse("") + "; a running daemon picks it up at its next start");
    } catch (StoreException e) {
      throw new UsageError(e.getMessage());
    }
    return Main.OK;
  }
}
