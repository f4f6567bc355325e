package org.moltx.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operational endpoints at the root: {@code GET /healthz} (the process answers), {@code GET /readyz} (content
 * loaded and not shutting down), {@code GET /metrics} (Prometheus text) and {@code POST /admin/reload} (needs the
 * admin token; 404 when none is configured). Paths that are neither these nor /fhir, /cds-services or a page get a
 * 404 OperationOutcome here, or the pages' 404 page when a browser asks.
 */
public final class OpsHandler extends Handler.Wrapper {
  private static final Logger log = LoggerFactory.getLogger(OpsHandler.class);
  private static final String TEXT = "text/plain;charset=utf-8";

  private final BooleanSupplier ready;
  private final PrometheusMeterRegistry metrics;
  private final Reloader reloader;
  private final byte[] adminToken;

  private final Predicate<String> pages;

  /**
   * adminToken null: the admin endpoints answer 404. {@code pages}: the other paths served further in (the pages
   * for people at /, /search, /code...).
   */
  public OpsHandler(BooleanSupplier ready, PrometheusMeterRegistry metrics, Reloader reloader, String adminToken,
      Predicate<String> pages, Handler next) {
    super(next);
    this.pages = pages;
    this.ready = ready;
    this.metrics = metrics;
    this.reloader = reloader;
    this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if (path.startsWith("/fhir") && (path.length() == 5 || path.charAt(5) == '/')
        || path.startsWith("/cds-services") && (path.length() == 13 || path.charAt(13) == '/')
        || pages.test(path)) {
      return super.handle(request, response, callback);
    }
    String method = request.getMethod();
    switch (path) {
      case "/healthz" -> {
        if (get(method, response, callback)) {
          text(response, callback, 200, "ok\n");
        }
      }
      case "/readyz" -> {
        if (get(method, response, callback)) {
          boolean up = ready.getAsBoolean();
          text(response, callback, up ? 200 : 503, up ? "ready\n" : "not ready\n");
        }
      }
      case "/metrics" -> {
        if (get(method, response, callback)) {
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;version=0.0.4;charset=utf-8");
          byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
          response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
          response.setStatus(200);
          response.write(true, ByteBuffer.wrap(body), callback);
        }
      }
      case "/admin/reload" -> adminReload(request, response, callback);
      default -> {
        if (("GET".equals(method) || "HEAD".equals(method))
            && AcceptHeader.acceptsHtml(request.getHeaders().get(HttpHeader.ACCEPT))) {
          return super.handle(request, response, callback); // a person's browser: the pages answer with a 404 page
        }
        Outcomes.write(response, callback, 404, "not-found", "Nothing is served at " + safe(path)
            + ": FHIR is at /fhir, CDS Hooks at /cds-services");
      }
    }
    return true;
  }

  private void adminReload(Request request, Response response, Callback callback) {
    if (adminToken == null) {
      Outcomes.write(response, callback, 404, "not-found", "Nothing is served at /admin/reload: the admin endpoints "
          + "are off (no admin token configured)");
      return;
    }
    if (!authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      Outcomes.write(response, callback, 401, "security", "POST /admin/reload needs 'Authorization: Bearer <admin "
          + "token>'");
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      Outcomes.write(response, callback, 405, "not-supported", "Use POST to reload the content");
      return;
    }
    Reloader.Result result = reloader.reload();
    int status = result.ok() ? 200 : result.busy() ? 409 : 422;
    log.info("admin reload: {}", result.message());
    Outcomes.write(response, callback, status, result.ok() ? "informational" : result.busy() ? "conflict"
        : "invalid", result.message());
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(adminToken, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
  }

  private static boolean get(String method, Response response, Callback callback) {
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return true;
    }
    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
    Outcomes.write(response, callback, 405, "not-supported", "Use GET here");
    return false;
  }

  private static void text(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** A path for a message: bounded, printable. */
  private static String safe(String path) {
    String p = path.length() > 100 ? path.substring(0, 100) + "..." : path;
    return p.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
