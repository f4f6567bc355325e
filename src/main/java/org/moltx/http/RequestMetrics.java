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

  private static final String[] STATUS_CLASSES = {"2xx", "3xx", "4xx", "5xx"};

  private final MeterRegistry registry;
  private final boolean logEach;
  private final boolean keyValues;
  /** By kind, the timer of each status class (2xx, 3xx, 4xx, 5xx), registered on first use. */
  private final ConcurrentHashMap<Kind, Timer[]> timers = new ConcurrentHashMap<>();
  private final Predicate<String> pages;

  /**
   * {@code keyValues}: each access line also carries its fields as key-value pairs (the JSON log format shows them;
   * the plain one does not, so they are not built for it). {@code pages}: the paths of the pages for people, timed
   * as operation "page".
   */
  public RequestMetrics(MeterRegistry registry, boolean accessLog, boolean keyValues, Predicate<String> pages) {
    this.registry = registry;
    this.logEach = accessLog;
    this.keyValues = keyValues;
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
    // the segments after "/fhir/", read in place (no split: this runs for every request); trailing slashes ignored
    int end = path.length();
    while (end > 6 && path.charAt(end - 1) == '/') {
      end--;
    }
    if (end <= 6) {
      return new Kind("system", "none");
    }
    int firstEnd = path.indexOf('/', 6);
    String first = path.substring(6, firstEnd < 0 || firstEnd > end ? end : firstEnd);
    int segments = 1;
    for (int i = path.indexOf('/', 6); i >= 0 && i < end; i = path.indexOf('/', i + 1)) {
      segments++;
    }
    int lastStart = path.lastIndexOf('/', end - 1) + 1;
    if (path.charAt(lastStart) == '$') {
      String op = path.substring(lastStart + 1, end);
      return new Kind(OPERATIONS.contains(op) ? op : "other", segments > 1 ? type(first) : "none");
    }
    if (segments == 1 && first.equals("metadata")) {
      return new Kind("metadata", "none");
    }
    if (segments == 1 || segments == 2 && end - lastStart == 7 && path.startsWith("_search", lastStart)) {
      return new Kind("search", type(first));
    }
    if (segments == 2) {
      return new Kind("read", type(first));
    }
    return new Kind(path.indexOf("/_history", 5) >= 0 ? "history" : "other", type(first));
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
    int statusClass = status >= 500 ? 3 : status >= 400 ? 2 : status >= 300 ? 1 : 0;
    timer(kind, statusClass).record(nanos, TimeUnit.NANOSECONDS);
    if (logEach && access.isInfoEnabled()) {
      String target = target(request);
      long bytes = Response.getContentBytesWritten(response);
      String remote = Request.getRemoteAddr(request);
      String line = accessLine(request.getMethod(), target, status, bytes, nanos, remote);
      if (!keyValues) {
        access.info(line);
        return;
      }
      access.atInfo()
          .addKeyValue("method", request.getMethod())
          .addKeyValue("target", target)
          .addKeyValue("status", status)
          .addKeyValue("bytes", bytes)
          .addKeyValue("ms", Math.round(nanos / 1e3) / 1000.0)
          .addKeyValue("remote", remote)
          .addKeyValue("operation", kind.operation())
          .log(line);
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

  private Timer timer(Kind kind, int statusClass) {
    Timer[] byStatus = timers.computeIfAbsent(kind, k -> new Timer[STATUS_CLASSES.length]);
    Timer timer = byStatus[statusClass];
    if (timer == null) {
      // the registry gives the same timer to every thread that registers these tags
      timer = Timer.builder("moltx.requests")
          .description("HTTP requests by operation, resource type and status class")
          .tag("operation", kind.operation())
          .tag("type", kind.type())
          .tag("status", STATUS_CLASSES[statusClass])
          .serviceLevelObjectives(BUCKETS)
          .register(registry);
      byStatus[statusClass] = timer;
    }
    return timer;
  }
}
