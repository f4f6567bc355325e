package org.moltx.app;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import org.moltx.fhir.FastPathFilter;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.moltx.cdshooks.CdsHooksServlet;
import org.moltx.engine.IndicationService;
import org.moltx.engine.Terminology;
import org.moltx.fhir.FhirServer;
import org.moltx.http.JsonErrorHandler;
import org.moltx.http.OpsHandler;
import org.moltx.http.SingleDateHeader;
import org.moltx.http.Reloader;
import org.moltx.http.RequestLimits;
import org.moltx.http.RequestMetrics;
import org.moltx.http.ResponseCache;
import org.moltx.http.TrustedForwarded;
import org.moltx.loader.ContentLoader;
import org.moltx.pages.BrowserHeaders;
import org.moltx.pages.FhirHtmlFilter;
import org.moltx.pages.PagesServlet;
import org.moltx.store.FallbackSource;
import org.moltx.store.TerminologyStore;

/** The only place that wires moltx together; used by {@link Main} and by the tests (port 0). */
public final class ServerFactory {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private ServerFactory() {}

  /**
   * The server, not started. Handlers, outermost first: graceful shutdown, URL and parameter limits, body size
   * limit, operational endpoints (/healthz, /readyz, /metrics, /admin/reload), the browser security headers, CORS,
   * the response cache, gzip, and the servlets (/fhir, /cds-services, the pages at /). The {@link Reloader} is a bean
   * of the server (Main wires SIGHUP to it).
   */
  public static Server createServer(int port, Config config) {
    Path folder = ContentFolder.resolve(config);
    // content loads while Jetty and HAPI start; requests wait for it
    Terminology terminology = new Terminology(CompletableFuture.supplyAsync(() -> loadStore(config)));
    PrometheusMeterRegistry metrics = metrics();

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("moltx");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(Math.max(config.maxHeaderBytes(), config.maxUrlLength() + 1024));
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    if (!config.trustedProxies().isEmpty()) {
      http.addCustomizer(new TrustedForwarded(config.trustedProxies()));
    }
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setPort(port);
    connector.setIdleTimeout(30_000);
    server.addConnector(connector);

    FhirServer fhirServer = new FhirServer(FHIR, terminology);
    if (config.publicBase() != null) {
      fhirServer.setServerAddressStrategy(new HardcodedServerAddressStrategy(config.publicBase() + "/fhir"));
    }
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setErrorHandler(new JsonErrorHandler());
    context.setMaxFormKeys(config.maxParams());
    ServletHolder fhir = new ServletHolder("fhir", fhirServer);
    fhir.setInitOrder(1);
    context.addServlet(fhir, "/fhir/*");
    // first: HEAD becomes the GET it mirrors, for the fast path and HAPI alike
    context.addFilter(new FilterHolder(new org.moltx.http.HeadRequestFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    // the pages for people: the root and what OpsHandler lets through as a page; /fhir as HTML for a browser
    IndicationService indications = new IndicationService(terminology);
    ServletHolder pages = new ServletHolder("pages", new PagesServlet(terminology, indications));
    pages.setInitOrder(2); // at start, not on the first visitor's request
    context.addServlet(pages, "/");
    context.addFilter(new FilterHolder(new FhirHtmlFilter(terminology)), "/fhir/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(new FilterHolder(new FastPathFilter(terminology, metrics)), "/fhir/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder("cds-hooks", new CdsHooksServlet(config.cdsSettings(), indications)),
        "/cds-services/*");

    GzipHandler gzip = new GzipHandler(context);
    gzip.setMinGzipSize(1024);
    gzip.setIncludedMethods("GET", "POST");
    gzip.setInflateBufferSize(0);
    ResponseCache cache = new ResponseCache(config.cacheEntries(), config.cacheBytes(), config.cacheMaxAgeSeconds(),
        ContentFingerprint.of(folder, config.packages()), metrics, gzip);
    Handler front = new BrowserHeaders(cors(config, cache));
    ContentReloader reloader = new ContentReloader(config, terminology, cache);
    GracefulHandler graceful = new GracefulHandler();
    OpsHandler ops = new OpsHandler(() -> server.isStarted() && terminology.isLoaded() && !graceful.isShutdown(),
        metrics, reloader,
        config.adminToken(), PagesServlet::isPage, front);
    SizeLimitHandler size = new SizeLimitHandler(config.maxBodyBytes(), -1);
    size.setHandler(ops);
    graceful.setHandler(new SingleDateHeader(new RequestLimits(config.maxUrlLength(), config.maxParams(), size)));
    server.setHandler(graceful);
    server.setErrorHandler(new JsonErrorHandler());
    server.setRequestLog(new RequestMetrics(metrics, config.accessLog(),
        config.logFormat() == Config.LogFormat.JSON, PagesServlet::isPage));
    server.setStopTimeout(config.shutdownTimeoutMillis());
    server.addBean(reloader, false);
    server.addBean(terminology, false);
    server.addBean(cache, false);
    return server;
  }

  private static PrometheusMeterRegistry metrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /** CORS on /fhir (CDS Hooks at /cds-services keeps its own: any origin); off without origins. */
  private static Handler cors(Config config, Handler next) {
    if (config.corsOrigins().isEmpty()) {
      return next;
    }
    CrossOriginHandler cors = new CrossOriginHandler() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!Request.getPathInContext(request).startsWith("/fhir")) {
          Handler handler = getHandler();
          return handler != null && handler.handle(request, response, callback);
        }
        return super.handle(request, response, callback);
      }
    };
    Set<String> patterns = new HashSet<>();
    for (String origin : config.corsOrigins()) {
      patterns.add(origin.equals("*") ? ".*" : Pattern.quote(origin));
    }
    cors.setAllowedOriginPatterns(patterns);
    cors.setAllowedMethods(Set.of("GET", "HEAD", "POST", "OPTIONS"));
    cors.setAllowedHeaders(Set.of("Accept", "Accept-Encoding", "Authorization", "Content-Type", "If-None-Match",
        "Prefer", "Cache-Control"));
    cors.setExposedHeaders(Set.of("ETag", "Location", "Content-Location"));
    cors.setAllowCredentials(false);
    cors.setPreflightMaxAge(java.time.Duration.ofHours(1));
    cors.setHandler(next);
    return cors;
  }

  static TerminologyStore loadStore(Config config) {
    return StoreAssembler.assemble(new ContentLoader(FHIR).load(ContentFolder.resolve(config), config.packages()),
        config.coreTerminology() ? CoreFallback.INSTANCE : FallbackSource.NONE);
  }

  public static FhirContext fhirContext() {
    return FHIR;
  }
}
