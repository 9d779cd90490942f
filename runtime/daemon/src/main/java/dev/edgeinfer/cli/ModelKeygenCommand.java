package dev.edgeinfer.cli;

import dev.edgeinfer.model.Ed25519Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgeinfer model keygen -o DIR/NAME}: an Ed25519 key pair for signing bundles. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Make an Ed25519 key pair for signing model bundles: NAME.key (private, mode 0600: keep it off "
        + "the devices) and NAME.pub (list it in updates.trustedKeys on each device)."})
public final class ModelKeygenCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR/NAME",
      description = "Where to write NAME.key and NAME.pub (never overwritten).")
  Path output;

  @Override
  public Integer call() throws Exception {
    Path dir = output.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new UsageError("no such directory: " + dir);
    }
    Path key = dir.resolve(output.getFileName() + ".key");
    Path pub = dir.resolve(output.getFileName() + ".pub");
    if (Files.exists(key) || Files.exists(pub)) {
      throw new UsageError("will not overwrite an existing key: " + (Files.exists(key) ? key : pub));
    }
    KeyPair pair = Ed25519Keys.generate();
    Ed25519Keys.writePair(pair, key, pub);
    System.out.println("private key: " + key + " (mode 0600; keep it off the devices)");
    System.out.println("public key:  " + pub + " (key id " + Ed25519Keys.keyId(pair.getPublic())
        + "; list it in updates.trustedKeys)");
    return Main.OK;
  }
}
