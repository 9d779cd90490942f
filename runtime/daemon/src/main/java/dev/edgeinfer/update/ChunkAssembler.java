package dev.edgeinfer.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reassembles a bundle sent as {@code model/update} chunks, under {@code DIR/REQUESTID/}: each
 * chunk in its own file (written to a temporary name and renamed, so a chunk file is whole or
 * absent), the first chunk's {@code of} and {@code sha256} in {@code meta}. Checks per chunk:
 * index in {@code [0, of)}, {@code of} and {@code sha256} the same as the first chunk's, the
 * optional {@code chunkSha256} of its bytes, a repeated chunk identical to the first copy, the
 * running total within {@code maxBytes}. When the last missing chunk arrives the chunks are
 * joined into {@code bundle.zip} and the whole file's SHA-256 is checked.
 *
 * <p>Used by the update worker thread only.
 */
final class ChunkAssembler {
  /** A chunk's facts as the command carries them, already decoded from base64. */
  record Chunk(String requestId, int index, int of, String sha256, byte[] data, Optional<String> chunkSha256) {}

  private final Path dir;
  private final long maxBytes;

  ChunkAssembler(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /** Stores {@code c}; the whole bundle once every chunk is there, else empty. */
  Optional<Path> accept(Chunk c) throws UpdateFailure, IOException {
    if (c.of() < 1 || c.index() < 0 || c.index() >= c.of()) {
      throw new UpdateFailure("bad_chunk", "chunk " + c.index() + ": index out of range 0.." + (c.of() - 1));
    }
    if (!c.sha256().matches("[0-9a-f]{64}")) {
      throw new UpdateFailure("bad_chunk", "sha256: expected 64 lowercase hex digits");
    }
    if (c.chunkSha256().isPresent() && !c.chunkSha256().get().equals(sha256(c.data()))) {
      throw new UpdateFailure("bad_chunk", "chunk " + c.index() + ": chunkSha256 does not match its data");
    }
    Path req = dir.resolve(c.requestId());
    Files.createDirectories(req);
    Path meta = req.resolve("meta");
    String expectMeta = c.of() + " " + c.sha256();
    if (Files.exists(meta)) {
      String had = Files.readString(meta, StandardCharsets.US_ASCII).trim();
      if (!had.equals(expectMeta)) {
        throw new UpdateFailure("bad_chunk", "chunk " + c.index() + ": of/sha256 \"" + expectMeta
            + "\" differ from the earlier chunks' \"" + had + "\"");
      }
    } else {
      writeAtomically(meta, expectMeta.getBytes(StandardCharsets.US_ASCII));
    }
    Path part = req.resolve(c.index() + ".chunk");
    if (Files.exists(part)) {
      if (!Arrays.equals(Files.readAllBytes(part), c.data())) {
        throw new UpdateFailure("bad_chunk", "chunk " + c.index() + ": a second copy differs from the first");
      }
    } else {
      if (storedBytes(req) + c.data().length > maxBytes) {
        throw new UpdateFailure("too_large", "chunks: more than updates.maxBundleBytes (" + maxBytes + ") bytes");
      }
      writeAtomically(part, c.data());
    }
    for (int i = 0; i < c.of(); i++) {
      if (!Files.exists(req.resolve(i + ".chunk"))) {
        return Optional.empty();
      }
    }
    return Optional.of(join(req, c.of(), c.sha256()));
  }

  /** Whether chunks of {@code requestId} are waiting for the rest. */
  boolean inProgress(String requestId) {
    return Files.isDirectory(dir.resolve(requestId));
  }

  /** Forgets a request's chunks (done, or failed). */
  void discard(String requestId) {
    Tree.delete(dir.resolve(requestId));
  }

  private Path join(Path req, int of, String sha256) throws IOException, UpdateFailure {
    Path bundle = req.resolve("bundle.zip");
    MessageDigest digest = sha256Digest();
    try (OutputStream out = Files.newOutputStream(bundle)) {
      for (int i = 0; i < of; i++) {
        try (InputStream in = Files.newInputStream(req.resolve(i + ".chunk"))) {
          byte[] b = in.readAllBytes();
          digest.update(b);
          out.write(b);
        }
      }
    }
    String got = HexFormat.of().formatHex(digest.digest());
    if (!got.equals(sha256)) {
      throw new UpdateFailure("hash_mismatch", "chunks: the joined bundle's SHA-256 is " + got + ", the chunks announced "
          + sha256);
    }
    return bundle;
  }

  private static long storedBytes(Path req) throws IOException {
    long total = 0;
    try (var files = Files.list(req)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(".chunk")) {
          total += Files.size(p);
        }
      }
    }
    return total;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static String sha256(byte[] data) {
    return HexFormat.of().formatHex(sha256Digest().digest(data));
  }

  static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
