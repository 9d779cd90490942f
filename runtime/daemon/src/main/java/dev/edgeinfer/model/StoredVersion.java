package dev.edgeinfer.model;

import dev.edgeinfer.config.ModelConfig;
import java.nio.file.Path;
import java.util.Optional;

/** One complete version of a model in the store: its directory and the manifest it was installed from. */
public record StoredVersion(String name, String version, Path dir, BundleManifest manifest) {

  public Path int8() {
    return dir.resolve(manifest.int8Path());
  }

  public Optional<Path> fp32() {
    return manifest.fp32Path().map(dir::resolve);
  }

  public Optional<Path> labels() {
    return manifest.labels().map(dir::resolve);
  }

  /** {@code base} (the config's model: engine, threads) with this version's files and version. */
  public ModelConfig toModelConfig(ModelConfig base) {
    return new ModelConfig(base.name(), version, int8(), fp32(), labels(), base.engine(), base.threads());
  }
}
