package dev.edgeinfer.cli;

import dev.edgeinfer.model.BundleWriter;
import dev.edgeinfer.model.Ed25519Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edgeinfer model sign --key K.key BUNDLE.zip}: writes or replaces the bundle's manifest.sig. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a model bundle: writes manifest.sig (Ed25519 over manifest.json's bytes), replacing any.")
public final class ModelSignCommand implements Callable<Integer> {
  @Option(names = "--key", required = true, paramLabel = "K.key", description = "Private key from model keygen.")
  Path key;

  @Parameters(paramLabel = "BUNDLE.zip")
  Path bundle;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(bundle)) {
      throw new UsageError("no such bundle: " + bundle);
    }
    String keyId = BundleWriter.sign(bundle, readKey(key));
    System.out.println(bundle + ": signed by key " + keyId);
    return Main.OK;
  }

  static PrivateKey readKey(Path key) {
    try {
      return Ed25519Keys.readPrivate(key);
    } catch (IOException e) {
      throw new UsageError(e.getMessage().startsWith(key.toString()) ? e.getMessage() : key + ": " + e.getMessage());
    }
  }
}
