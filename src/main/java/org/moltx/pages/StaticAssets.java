package org.moltx.pages;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The stylesheet and the suggestions script, read once from the jar and served with caching headers. */
final class StaticAssets {
  static final String CSS = "/static/moltx.css";
  static final String JS = "/static/suggest.js";
  private static final Map<String, Asset> ASSETS = Map.of(
      CSS, load("moltx.css", "text/css;charset=utf-8"),
      JS, load("suggest.js", "text/javascript;charset=utf-8"));

  private record Asset(byte[] body, String contentType) {}

  private StaticAssets() {}

  /** Whether {@code path} was served (false: no such asset). */
  static boolean serve(String path, HttpServletResponse response) throws IOException {
    Asset asset = ASSETS.get(path);
    if (asset == null) {
      return false;
    }
    response.setStatus(200);
    response.setContentType(asset.contentType());
    // the content of an asset changes only with a new jar: a day is safe, and a restart is rarer than that
    response.setHeader("Cache-Control", "public, max-age=86400");
    response.setContentLength(asset.body().length);
    response.getOutputStream().write(asset.body());
    return true;
  }

  private static Asset load(String name, String contentType) {
    try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing page asset " + name);
      }
      return new Asset(in.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
