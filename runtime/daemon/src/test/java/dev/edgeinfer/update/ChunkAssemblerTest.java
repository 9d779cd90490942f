package dev.edgeinfer.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk reassembly on real files: any order, duplicates, and every way a chunk can be wrong. */
class ChunkAssemblerTest {
  @TempDir Path tmp;

  private final byte[] bundle = new byte[1000];
  private final String sha;

  ChunkAssemblerTest() {
    new Random(3).nextBytes(bundle);
    sha = ChunkAssembler.sha256(bundle);
  }

  private ChunkAssembler.Chunk chunk(int i, int of, String sha256) {
    int size = (bundle.length + of - 1) / of;
    byte[] part = Arrays.copyOfRange(bundle, i * size, Math.min(bundle.length, (i + 1) * size));
    return new ChunkAssembler.Chunk("r1", i, of, sha256, part, Optional.empty());
  }

  @Test
  void accept_chunksInAnyOrderWithADuplicate_joinsTheBundleWhenTheLastArrives() throws Exception {
    ChunkAssembler a = new ChunkAssembler(tmp, 1 << 20);
    assertEquals(Optional.empty(), a.accept(chunk(2, 3, sha)));
    assertEquals(Optional.empty(), a.accept(chunk(0, 3, sha)));
    assertEquals(Optional.empty(), a.accept(chunk(0, 3, sha)));
    Path joined = a.accept(chunk(1, 3, sha)).orElseThrow();
    assertArrayEquals(bundle, Files.readAllBytes(joined));
  }

  @Test
  void accept_badChunks_eachRefusedWithItsReason() throws Exception {
    ChunkAssembler a = new ChunkAssembler(tmp, 1 << 20);
    assertEquals("chunk 3: index out of range 0..2",
        assertThrows(UpdateFailure.class,
        () -> a.accept(new ChunkAssembler.Chunk("r1", 3, 3, sha, new byte[1], Optional.empty()))).getMessage());
    a.accept(chunk(0, 3, sha));
    UpdateFailure of = assertThrows(UpdateFailure.class, () -> a.accept(chunk(1, 4, sha)));
    assertEquals("bad_chunk", of.reason());
    assertTrue(of.getMessage().startsWith("chunk 1: of/sha256 \"4 "), of.getMessage());
    ChunkAssembler.Chunk c0 = chunk(0, 3, sha);
    byte[] changed = c0.data().clone();
    changed[5] ^= 1;
    UpdateFailure dup = assertThrows(UpdateFailure.class,
        () -> a.accept(new ChunkAssembler.Chunk("r1", 0, 3, sha, changed, Optional.empty())));
    assertEquals("chunk 0: a second copy differs from the first", dup.getMessage());
    UpdateFailure own = assertThrows(UpdateFailure.class,
        () -> a.accept(new ChunkAssembler.Chunk("r1", 1, 3, sha, chunk(1, 3, sha).data(), Optional.of("0".repeat(64)))));
    assertEquals("chunk 1: chunkSha256 does not match its data", own.getMessage());
  }

  @Test
  void accept_wholeFileHashWrong_hashMismatch() throws Exception {
    ChunkAssembler a = new ChunkAssembler(tmp, 1 << 20);
    String wrong = "ab".repeat(32);
    a.accept(chunk(0, 2, wrong));
    UpdateFailure e = assertThrows(UpdateFailure.class, () -> a.accept(chunk(1, 2, wrong)));
    assertEquals("hash_mismatch", e.reason());
  }

  @Test
  void accept_moreThanTheLimit_tooLarge() throws Exception {
    ChunkAssembler a = new ChunkAssembler(tmp, 600);
    a.accept(chunk(0, 2, sha));
    assertEquals("too_large", assertThrows(UpdateFailure.class, () -> a.accept(chunk(1, 2, sha))).reason());
  }
}
