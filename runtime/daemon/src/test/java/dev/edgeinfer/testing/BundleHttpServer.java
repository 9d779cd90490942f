package dev.edgeinfer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK HTTP server on loopback serving one file at {@code /bundle.zip}, with {@code Range:
 * bytes=N-} support (206 + Content-Range), and optionally dropping the connection after {@code
 * dropAfter} bytes of the body in its first {@code drops} responses, the way a flaky link does.
 * Records each request's Range header ("" when none).
 */
public final class BundleHttpServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final byte[] body;
  private final int dropAfter;
  private final AtomicInteger drops;
  private final List<String> ranges = new CopyOnWriteArrayList<>();

  private BundleHttpServer(byte[] body, int dropAfter, int drops) throws IOException {
    this.body = body;
    this.dropAfter = dropAfter;
    this.drops = new AtomicInteger(drops);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/bundle.zip", this::serve);
    server.start();
  }

  public static BundleHttpServer serving(byte[] body) throws IOException {
    return new BundleHttpServer(body, -1, 0);
  }

  /** Cuts the body after {@code dropAfter} bytes, {@code drops} times. */
  public static BundleHttpServer dropping(byte[] body, int dropAfter, int drops) throws IOException {
    return new BundleHttpServer(body, dropAfter, drops);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/bundle.zip";
  }

  public List<String> ranges() {
    return List.copyOf(ranges);
  }

  private void serve(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "" : range);
    int from = 0;
    if (range != null) {
      Matcher m = RANGE.matcher(range);
      if (m.matches()) {
        from = Integer.parseInt(m.group(1));
      }
    }
    if (from >= body.length && from > 0) {
      exchange.sendResponseHeaders(416, -1);
      exchange.close();
      return;
    }
    int length = body.length - from;
    if (from > 0) {
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      exchange.sendResponseHeaders(206, length);
    } else {
      exchange.sendResponseHeaders(200, length);
    }
    OutputStream out = exchange.getResponseBody();
    if (dropAfter >= 0 && drops.getAndDecrement() > 0) {
      out.write(body, from, Math.min(dropAfter, length));
      out.flush();
      // Closing short of Content-Length makes the server drop the connection mid-body.
      exchange.close();
      return;
    }
    out.write(body, from, length);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
