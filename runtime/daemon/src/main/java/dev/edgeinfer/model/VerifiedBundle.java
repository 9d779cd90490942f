package dev.edgeinfer.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A bundle that passed {@link BundleVerifier}: signed by a trusted key, every file present with its
 * size and hash, every model accepted by the pure-Java reader, extracted into {@code dir} (which
 * also holds {@code manifest.json} and {@code manifest.sig}, byte for byte as signed).
 */
public record VerifiedBundle(BundleManifest manifest, String signerKeyId, Path dir) {

  public String name() {
    return manifest.name();
  }

  public String version() {
    return manifest.version();
  }

  /** The extracted file of bundle path {@code path}. */
  public Path file(String path) {
    return dir.resolve(path);
  }

  public Path int8() {
    return file(manifest.int8Path());
  }

  public Optional<Path> fp32() {
    return manifest.fp32Path().map(this::file);
  }

  public Optional<Path> labels() {
    return manifest.labels().map(this::file);
  }
}
