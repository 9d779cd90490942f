package dev.edgeinfer.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a bundle from an {@code https://}, {@code http://} or {@code file://} URL into a file,
 * never past {@code maxBytes}. Over HTTP a dropped connection is resumed where the bytes on disk
 * end, with {@code Range: bytes=N-}, when the server answers {@code 206} with a matching {@code
 * Content-Range}; a server that ignores ranges ({@code 200}) is read again from the start. A
 * resume counts as an attempt only when it made no progress, so a flaky link that keeps
 * delivering finishes. The whole fetch is bounded by {@code timeout}.
 *
 * <p>The file is untrusted until the verifier has read it; this class only bounds its size.
 */
final class BundleDownloader {
  private static final Logger LOG = Logger.getLogger(BundleDownloader.class.getName());
  private static final int MAX_FRUITLESS_ATTEMPTS = 3;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final HttpClient client;
  private final long maxBytes;
  private final Duration timeout;

  BundleDownloader(long maxBytes, Duration timeout) {
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(timeout).build();
  }

  /**
   * Downloads {@code url} into {@code target}, continuing a partial {@code target} left by an
   * earlier attempt.
   *
   * @param expectedSize the size the command announced, checked before and after the transfer
   * @throws UpdateFailure {@code download_failed}, {@code too_large} or {@code size_mismatch}
   */
  void fetch(URI url, Path target, OptionalLong expectedSize) throws UpdateFailure {
    if (expectedSize.isPresent() && expectedSize.getAsLong() > maxBytes) {
      throw new UpdateFailure("too_large", "url: announced size " + expectedSize.getAsLong()
          + " bytes is over updates.maxBundleBytes (" + maxBytes + ")");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    switch (scheme) {
      case "file" -> copyFile(url, target);
      case "http", "https" -> download(url, target);
      default -> throw new UpdateFailure("download_failed", "url: scheme \"" + scheme
          + "\" is not supported (https, http or file)");
    }
    long size = size(target);
    if (expectedSize.isPresent() && size != expectedSize.getAsLong()) {
      throw new UpdateFailure("size_mismatch", "url: got " + size + " bytes, the command announced "
          + expectedSize.getAsLong());
    }
  }

  private void copyFile(URI url, Path target) throws UpdateFailure {
    Path source;
    try {
      source = Path.of(url);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new UpdateFailure("download_failed", "url: not a local file URL: " + url);
    }
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = Files.newOutputStream(target)) {
      copyBounded(in, out, 0);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UpdateFailure("download_failed", "url: no such file " + source);
    } catch (IOException e) {
      throw new UpdateFailure("download_failed", "url: reading " + source + ": " + e.getMessage(), e);
    }
  }

  private void download(URI url, Path target) throws UpdateFailure {
    long deadline = System.nanoTime() + timeout.toNanos();
    int fruitless = 0;
    String lastError = null;
    while (fruitless < MAX_FRUITLESS_ATTEMPTS) {
      long before = size(target);
      try {
        if (attempt(url, target, before, deadline)) {
          return;
        }
      } catch (IOException e) {
        lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.info(() -> "download of " + url + " interrupted after " + size(target) + " bytes, resuming: " + e);
      }
      if (System.nanoTime() > deadline) {
        throw new UpdateFailure("download_failed", "url: not finished within updates.downloadTimeoutSeconds ("
            + timeout.toSeconds() + " s) after " + size(target) + " bytes");
      }
      fruitless = size(target) > before ? 0 : fruitless + 1;
    }
    throw new UpdateFailure("download_failed", "url: " + url + " failed " + MAX_FRUITLESS_ATTEMPTS
        + " times without progress at byte " + size(target) + (lastError == null ? "" : ": " + lastError));
  }

  /** One request from byte {@code from}; true when the body ended normally (the file is whole). */
  private boolean attempt(URI url, Path target, long from, long deadline) throws IOException, UpdateFailure {
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(left)).GET();
    if (from > 0) {
      request.header("Range", "bytes=" + from + "-");
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpdateFailure("download_failed", "url: interrupted");
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      boolean append;
      if (status == 206 && from > 0) {
        append = true;
        long start = rangeStart(response, url);
        if (start != from) {
          throw new UpdateFailure("download_failed", "url: asked for bytes from " + from + ", server sent from " + start);
        }
      } else if (status == 200) {
        append = false; // no range support: start over
      } else if (status == 416 && from > 0) {
        return true; // nothing after the bytes on disk: the file was already whole
      } else {
        throw new UpdateFailure("download_failed", "url: HTTP " + status + " from " + url);
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      long base = append ? from : 0;
      if (declared >= 0 && base + declared > maxBytes) {
        throw new UpdateFailure("too_large", "url: " + (base + declared) + " bytes is over updates.maxBundleBytes ("
            + maxBytes + ")");
      }
      try (OutputStream out = append ? Files.newOutputStream(target, StandardOpenOption.APPEND)
          : Files.newOutputStream(target)) {
        long got = copyBounded(body, out, base) - base;
        if (declared >= 0 && got != declared) {
          throw new IOException("body ended after " + got + " of " + declared + " bytes");
        }
      }
      return true;
    }
  }

  private static long rangeStart(HttpResponse<?> response, URI url) throws UpdateFailure {
    String range = response.headers().firstValue("Content-Range").orElse("");
    Matcher m = CONTENT_RANGE.matcher(range);
    if (!m.matches()) {
      throw new UpdateFailure("download_failed", "url: 206 from " + url + " without a usable Content-Range (\"" + range + "\")");
    }
    return Long.parseLong(m.group(1));
  }

  /** Copies until EOF; returns {@code already} plus the bytes copied. */
  private long copyBounded(InputStream in, OutputStream out, long already) throws IOException, UpdateFailure {
    byte[] buffer = new byte[64 * 1024];
    long total = already;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > maxBytes) {
        throw new UpdateFailure("too_large", "url: more than updates.maxBundleBytes (" + maxBytes + ") bytes");
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static long size(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
