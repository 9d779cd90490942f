package dev.edgeinfer.cli;

import dev.edgeinfer.model.ModelStore;
import dev.edgeinfer.model.PendingUpdate;
import dev.edgeinfer.model.StoredVersion;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code edgeinfer model list}: the local model store, model by model. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the models in a device's store: versions, which is active and previous, any pending update.")
public final class ModelListCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  StoreLocation location;

  @Override
  public Integer call() throws Exception {
    ModelStore store = location.open();
    if (store.models().isEmpty()) {
      System.out.println("no models in " + store.root());
      return Main.OK;
    }
    for (String name : store.models()) {
      System.out.println(name);
      Optional<String> active = store.active(name).map(StoredVersion::version);
      Optional<String> previous = store.previous(name).map(StoredVersion::version);
      List<StoredVersion> versions = store.versions(name);
      if (versions.isEmpty()) {
        System.out.println("  (no versions)");
      }
      for (StoredVersion v : versions) {
        String mark = active.equals(Optional.of(v.version())) ? "active"
            : previous.equals(Optional.of(v.version())) ? "previous" : "";
        System.out.printf("  %-20s %-9s created %s%n", v.version(), mark, v.manifest().created());
      }
      Optional<PendingUpdate> pending = store.pending(name);
      pending.ifPresent(p -> System.out.println("  pending update: version " + p.version() + ", request "
          + p.requestId() + ", " + p.state().jsonName() + " (undone at the next start unless it commits)"));
    }
    return Main.OK;
  }
}
