package org.moltx.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's request log: for every request, once it is complete, a latency sample in {@code moltx_requests_seconds}
 * (tags: operation, type, status class) and, when enabled, one access log line (logger {@code moltx.access}) with
 * method, target, status, bytes and latency. Tag values come from fixed sets, so the number of series is bounded.
 */
public final class RequestMetrics implements RequestLog {
  private static final Logger access = LoggerFactory.getLogger("moltx.access");
  private static final Set<String> OPERATIONS = Set.of("lookup", "translate", "validate-code", "expand", "subsumes",
      "closure", "meta");
  private static final Set<String> TYPES = Set.of("CodeSystem", "ValueSet", "ConceptMap", "NamingSystem");
  private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
      Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final MeterRegistry registry;
  private final boolean logEach;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final Predicate<String> pages;

  public RequestMetrics(MeterRegistry registry, boolean accessLog) {
    this(registry, accessLog, path -> false);
  }

  /** {@code pages}: the paths of the pages for people, timed as operation "page". */
  public RequestMetrics(MeterRegistry registry, boolean accessLog, Predicate<String> pages) {
    this.registry = registry;
    this.logEach = accessLog;
    this.pages = pages;
  }

  /** What a request asked for: operation and resource type, from fixed sets. */
  record Kind(String operation, String type) {}

  private static final Kind PAGE = new Kind("page", "none");

  static Kind classify(String path) {
    if (path == null) {
      return new Kind("other", "none");
    }
    if (path.startsWith("/cds-services")) {
      return new Kind("cds-hooks", "none");
    }
    if (!path.startsWith("/fhir")) {
      return switch (path) {
        case "/healthz", "/readyz" -> new Kind("health", "none");
        case "/metrics" -> new Kind("metrics", "none");
        default -> new Kind(path.startsWith("/admin/") ? "admin" : "other", "none");
      };
    }
    String rest = path.length() > 5 ? path.substring(5) : "";
    String[] parts = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/");
    if (parts.length == 0) {
      return new Kind("system", "none");
    }
    String last = parts[parts.length - 1];
    if (last.startsWith("$")) {
      String op = last.substring(1);
      return new Kind(OPERATIONS.contains(op) ? op : "other", parts.length > 1 ? type(parts[0]) : "none");
    }
    if (parts.length == 1 && (parts[0].equals("metadata"))) {
      return new Kind("metadata", "none");
    }
    if (parts.length == 1 || parts.length == 2 && parts[1].equals("_search")) {
      return new Kind("search", type(parts[0]));
    }
    if (parts.length == 2) {
      return new Kind("read", type(parts[0]));
    }
    return new Kind(rest.contains("/_history") ? "history" : "other", type(parts[0]));
  }

  private static String type(String t) {
    return TYPES.contains(t) ? t : "other";
  }

  @Override
  public void log(Request request, Response response) {
    long nanos = System.nanoTime() - request.getBeginNanoTime();
    String path = request.getHttpURI().getPath();
    int status = response.getStatus();
    Kind kind = path != null && pages.test(path) ? PAGE : classify(path);
    String statusClass = status >= 500 ? "5xx" : status >= 400 ? "4xx" : status >= 300 ? "3xx" : "2xx";
    timer(kind, statusClass).record(nanos, TimeUnit.NANOSECONDS);
    if (logEach && access.isInfoEnabled()) {
      String target = target(request);
      long bytes = Response.getContentBytesWritten(response);
      double ms = nanos / 1e6;
      String remote = Request.getRemoteAddr(request);
      access.atInfo()
          .addKeyValue("method", request.getMethod())
          .addKeyValue("target", target)
          .addKeyValue("status", status)
          .addKeyValue("bytes", bytes)
          .addKeyValue("ms", Math.round(ms * 1000) / 1000.0)
          .addKeyValue("remote", remote)
          .addKeyValue("operation", kind.operation())
          .setMessage(() -> accessLine(request.getMethod(), target, status, bytes, nanos, remote))
          .log();
    }
  }

  /**
   * "GET /fhir/metadata 200 1234B 0.412ms 127.0.0.1". Built by hand: String.format's %.3f cost more than the rest
   * of the access log on a response-cache hit (JFR).
   */
  static String accessLine(String method, String target, int status, long bytes, long nanos, String remote) {
    StringBuilder b = new StringBuilder(96 + (target == null ? 0 : target.length()));
    b.append(method).append(' ').append(target).append(' ').append(status).append(' ').append(bytes).append("B ");
    long micros = (nanos + 500) / 1000;
    long fraction = micros % 1000;
    b.append(micros / 1000).append('.');
    if (fraction < 100) {
      b.append('0');
    }
    if (fraction < 10) {
      b.append('0');
    }
    return b.append(fraction).append("ms ").append(remote).toString();
  }

  private static String target(Request request) {
    String target = request.getHttpURI().getPathQuery();
    return target != null && target.length() > 512 ? target.substring(0, 512) + "..." : target;
  }

  private Timer timer(Kind kind, String statusClass) {
    String id = kind.operation() + '|' + kind.type() + '|' + statusClass;
    return timers.computeIfAbsent(id, k -> Timer.builder("moltx.requests")
        .description("HTTP requests by operation, resource type and status class")
        .tag("operation", kind.operation())
        .tag("type", kind.type())
        .tag("status", statusClass)
        .serviceLevelObjectives(BUCKETS)
        .register(registry));
  }
}
