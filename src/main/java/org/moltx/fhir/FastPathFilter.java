package org.moltx.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.moltx.engine.Terminology;

/**
 * Decides which requests skip HAPI's dispatch: a terminology operation (GET, or POST of a Parameters resource) goes
 * straight to its contract in the OperationPipeline; everything else (read, search, metadata, batch, $versions)
 * goes on to HAPI. Both roads answer an operation through the same contract and writer; errors are mapped by the
 * one ErrorMapper and written as HAPI writes them.
 */
public final class FastPathFilter implements Filter {
  private final Terminology terminology;
  private final Counter direct;

  public FastPathFilter(Terminology terminology, MeterRegistry metrics) {
    this.terminology = terminology;
    this.direct = Counter.builder("moltx.pipeline.direct")
        .description("terminology operations answered without HAPI's dispatch").register(metrics);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    HttpServletResponse response = (HttpServletResponse) resp;
    HttpServletRequest request = (HttpServletRequest) req;
    terminology.store(); // every FHIR request, metadata included, waits for the content to be loaded
    try {
      request = ServedFormats.served(request);
    } catch (RuntimeException e) {
      writeError(e, request, response);
      return;
    }
    OperationPipeline.Route route = "GET".equals(request.getMethod()) || "POST".equals(request.getMethod())
        ? OperationPipeline.route(request.getPathInfo()) : null;
    if (route == null) {
      chain.doFilter(request, resp);
      return;
    }
    try {
      OperationPipeline.serve(route, request, response, terminology);
      direct.increment();
    } catch (RuntimeException e) {
      writeError(e, request, response);
    }
  }

  /** Maps the error once (ErrorMapper) and writes its OperationOutcome as JSON. */
  private static void writeError(RuntimeException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    BaseServerResponseException mapped = new ErrorMapper().map(null, e, request, response);
    response.reset();
    response.setStatus(mapped.getStatusCode());
    response.setContentType(OperationPipeline.JSON);
    response.getOutputStream().write(OperationPipeline.FHIR.newJsonParser()
        .encodeResourceToString(mapped.getOperationOutcome()).getBytes(StandardCharsets.UTF_8));
  }
}
