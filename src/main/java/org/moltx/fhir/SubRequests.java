package org.moltx.fhir;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.moltx.engine.Terminology;

/**
 * Runs one operation request inside another (a batch entry, one validation of $batch-validate-code) through the
 * operation's contract in the OperationPipeline, so it is answered exactly as an HTTP request is.
 */
final class SubRequests {
  /** One answer: the HTTP status and the resource (the operation's result, or an OperationOutcome). */
  record Answer(int status, IBaseResource resource) {
    boolean ok() {
      return status < 300;
    }
  }

  private SubRequests() {}

  /**
   * Calls {@code url} (relative to the FHIR base, e.g. {@code ValueSet/$validate-code?code=x}) with the method and,
   * for POST, the Parameters body. Failures become their status and OperationOutcome, never an exception.
   */
  static Answer call(RequestDetails parent, Terminology terminology, RequestTypeEnum method, String url,
      Parameters body) {
    try {
      String relative = url.startsWith("/") ? url.substring(1) : url;
      String base = parent.getFhirServerBase();
      if (base != null && relative.startsWith(base + "/")) {
        relative = relative.substring(base.length() + 1);
      }
      int q = relative.indexOf('?');
      OperationPipeline.Route route = OperationPipeline.route(q < 0 ? relative : relative.substring(0, q));
      if (route == null) {
        throw ErrorMapper.invalid("A batch entry must be an operation on CodeSystem, ValueSet or ConceptMap, not "
            + method + " " + url, null);
      }
      // the client's language and its terminology cache hold for every part of its request
      ParamSource in = new ParamSource(query(q < 0 ? "" : relative.substring(q + 1)), body,
          name -> name.equals("Accept-Language") || name.equals(ClientCaches.HEADER) ? parent.getHeader(name) : null,
          RequestContent.loadedHolder(parent));
      return new Answer(200, OperationPipeline.run(route, in, method.name(), terminology).resource());
    } catch (RuntimeException e) {
      BaseServerResponseException mapped = new ErrorMapper().map(parent, e, null, null);
      IBaseResource outcome = mapped.getOperationOutcome();
      if (outcome == null) {
        outcome = ErrorMapper.outcome(IssueType.EXCEPTION, mapped.getMessage(), null);
      }
      return new Answer(mapped.getStatusCode(), outcome);
    }
  }

  private static Map<String, String[]> query(String query) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    Map<String, String[]> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
    return out;
  }

  static OperationOutcome outcome(Answer answer) {
    return answer.resource() instanceof OperationOutcome oo ? oo : null;
  }
}
