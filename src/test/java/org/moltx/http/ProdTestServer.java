package org.moltx.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.moltx.app.Config;
import org.moltx.app.ServerFactory;

/**
 * A server with production settings shared by the tests of this package: a copy of the default content in a
 * temporary folder (so reload tests can change it), an admin token, 127.0.0.1 as trusted proxy, small limits.
 */
public final class ProdTestServer {
  public static final String TOKEN = "test-admin-token-0123456789";
  public static final int MAX_BODY = 256 * 1024;
  public static final int MAX_URL = 2048;
  public static final int MAX_PARAMS = 50;
  public static final int MAX_HEADER = 8192;
  private static Server server;
  private static String base;
  private static Path content;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ProdTestServer() {}

  public static synchronized String baseUrl() {
    if (server == null) {
      try {
        content = Files.createTempDirectory("moltx-content");
        copy(Path.of("terminology"), content);
        Config config = Config.parse(new String[] {"--port", "0", "--content", content.toString(), "--admin-token",
            TOKEN, "--trusted-proxy", "127.0.0.1", "--max-body-bytes", String.valueOf(MAX_BODY),
            "--max-url-length", String.valueOf(MAX_URL), "--max-params", String.valueOf(MAX_PARAMS),
            "--max-header-bytes", String.valueOf(MAX_HEADER), "--cache-max-age", "600"}, java.util.Map.of());
        server = ServerFactory.createServer(0, config);
        server.start();
        base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.stop();
          } catch (Exception ignored) {
            // the JVM is exiting
          }
        }));
      } catch (Exception e) {
        throw new IllegalStateException("production test server did not start", e);
      }
    }
    return base;
  }

  /** The content folder the server serves (a copy that tests may change and must restore). */
  public static Path content() {
    baseUrl();
    return content;
  }

  public static int port() {
    return URI.create(baseUrl()).getPort();
  }

  public static HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  public static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends raw bytes on a socket (for requests no client library would send) and returns all it answers. */
  public static String raw(int port, byte[] request) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
        s.shutdownOutput();
      } catch (IOException closedEarly) {
        // the server may answer and close before it read everything; read what it said
      }
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  public static String raw(int port, String request) {
    return raw(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
