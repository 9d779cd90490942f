package dev.edgeinfer.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.BundleHttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over real loopback HTTP (JDK server with Range support) and from files. */
class BundleDownloaderTest {
  @TempDir Path tmp;

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  @Test
  void fetch_connectionDroppedMidBody_resumesWithRangeFromTheBytesOnDisk() throws Exception {
    byte[] body = bytes(300_000);
    try (BundleHttpServer server = BundleHttpServer.dropping(body, 100_000, 2)) {
      Path target = tmp.resolve("b.zip");
      new BundleDownloader(1 << 20, Duration.ofSeconds(30)).fetch(URI.create(server.url()), target,
          OptionalLong.of(body.length));
      assertArrayEquals(body, Files.readAllBytes(target));
      assertEquals(List.of("", "bytes=100000-", "bytes=200000-"), server.ranges());
    }
  }

  @Test
  void fetch_partialFileFromAnEarlierAttempt_continuesFromItsEnd() throws Exception {
    byte[] body = bytes(50_000);
    try (BundleHttpServer server = BundleHttpServer.serving(body)) {
      Path target = tmp.resolve("b.zip");
      Files.write(target, java.util.Arrays.copyOf(body, 12_345));
      new BundleDownloader(1 << 20, Duration.ofSeconds(30)).fetch(URI.create(server.url()), target, OptionalLong.empty());
      assertArrayEquals(body, Files.readAllBytes(target));
      assertEquals(List.of("bytes=12345-"), server.ranges());
    }
  }

  @Test
  void fetch_overTheLimit_tooLarge() throws Exception {
    try (BundleHttpServer server = BundleHttpServer.serving(bytes(5_000))) {
      UpdateFailure e = assertThrows(UpdateFailure.class, () -> new BundleDownloader(4_000, Duration.ofSeconds(30))
          .fetch(URI.create(server.url()), tmp.resolve("b.zip"), OptionalLong.empty()));
      assertEquals("too_large", e.reason());
      assertTrue(e.getMessage().contains("updates.maxBundleBytes (4000)"), e.getMessage());
    }
  }

  @Test
  void fetch_sizeDiffersFromTheCommand_sizeMismatch() throws Exception {
    try (BundleHttpServer server = BundleHttpServer.serving(bytes(5_000))) {
      UpdateFailure e = assertThrows(UpdateFailure.class, () -> new BundleDownloader(1 << 20, Duration.ofSeconds(30))
          .fetch(URI.create(server.url()), tmp.resolve("b.zip"), OptionalLong.of(6_000)));
      assertEquals("size_mismatch", e.reason());
      assertEquals("url: got 5000 bytes, the command announced 6000", e.getMessage());
    }
  }

  @Test
  void fetch_fileUrl_copiesAndMissingFileIsDownloadFailed() throws Exception {
    byte[] body = bytes(10_000);
    Path source = Files.write(tmp.resolve("src.zip"), body);
    Path target = tmp.resolve("b.zip");
    BundleDownloader d = new BundleDownloader(1 << 20, Duration.ofSeconds(30));
    d.fetch(source.toUri(), target, OptionalLong.empty());
    assertArrayEquals(body, Files.readAllBytes(target));
    UpdateFailure e = assertThrows(UpdateFailure.class,
        () -> d.fetch(tmp.resolve("nope.zip").toUri(), target, OptionalLong.empty()));
    assertEquals("download_failed", e.reason());
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void fetch_notFound_downloadFailedNamesTheStatus() throws Exception {
    try (BundleHttpServer server = BundleHttpServer.serving(bytes(10))) {
      UpdateFailure e = assertThrows(UpdateFailure.class, () -> new BundleDownloader(1 << 20, Duration.ofSeconds(30))
          .fetch(URI.create(server.url().replace("bundle.zip", "other.zip")), tmp.resolve("b.zip"), OptionalLong.empty()));
      assertEquals("download_failed", e.reason());
      assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }
  }
}
