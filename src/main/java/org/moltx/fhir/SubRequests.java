package org.moltx.fhir;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.BaseResourceReturningMethodBinding;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Runs one operation request inside another (a batch entry, one validation of $batch-validate-code) through the
 * server's own method bindings, so the operation classes answer it exactly as they answer an HTTP request.
 */
final class SubRequests {
  /** The resource types whose operations a batch may call. */
  static final Set<String> TERMINOLOGY_TYPES = Set.of("CodeSystem", "ValueSet", "ConceptMap");

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
  static Answer call(RequestDetails parent, RequestTypeEnum method, String url, Parameters body) {
    RestfulServer server = (RestfulServer) parent.getServer();
    try {
      SystemRequestDetails request = prepare(parent, server, method, url, body);
      if (!TERMINOLOGY_TYPES.contains(request.getResourceName()) || request.getOperation() == null
          || !request.getOperation().startsWith("$")) {
        throw ErrorMapper.invalid("A batch entry must be an operation on CodeSystem, ValueSet or ConceptMap, not "
            + method + " " + url, null);
      }
      BaseMethodBinding binding = server.determineResourceMethod(request, request.getRequestPath());
      if (!(binding instanceof BaseResourceReturningMethodBinding resourceBinding)) {
        throw ErrorMapper.invalid("A batch entry cannot call " + method + " " + url, null);
      }
      request.setRestOperationType(binding.getRestOperationType(request));
      return new Answer(200, resourceBinding.doInvokeServer(server, request));
    } catch (RuntimeException e) {
      BaseServerResponseException mapped = new ErrorMapper().map(parent, e, null, null);
      IBaseResource outcome = mapped.getOperationOutcome();
      if (outcome == null) {
        outcome = ErrorMapper.outcome(IssueType.EXCEPTION, mapped.getMessage(), null);
      }
      return new Answer(mapped.getStatusCode(), outcome);
    }
  }

  private static SystemRequestDetails prepare(RequestDetails parent, RestfulServer server, RequestTypeEnum method,
      String url, Parameters body) {
    String relative = url.startsWith("/") ? url.substring(1) : url;
    String base = parent.getFhirServerBase();
    if (base != null && relative.startsWith(base + "/")) {
      relative = relative.substring(base.length() + 1);
    }
    int q = relative.indexOf('?');
    String path = q < 0 ? relative : relative.substring(0, q);
    SystemRequestDetails request = new SystemRequestDetails();
    request.setServer(server);
    request.setFhirContext(server.getFhirContext());
    request.setRequestType(method);
    request.setFhirServerBase(base);
    request.setCompleteUrl(base + "/" + relative);
    request.setRequestPath(path);
    request.setParameters(query(q < 0 ? "" : relative.substring(q + 1)));
    // the client's language and its terminology cache hold for every part of its request
    for (String header : List.of("Accept-Language", ClientCaches.HEADER)) {
      String value = parent.getHeader(header);
      if (value != null) {
        request.addHeader(header, value);
      }
    }
    RequestContent.shareLoaded(parent, request);
    server.populateRequestDetailsFromRequestPath(request, path);
    if (body != null) {
      request.addHeader("Content-Type", "application/fhir+json");
      request.setRequestContents(server.getFhirContext().newJsonParser().encodeResourceToString(body)
          .getBytes(StandardCharsets.UTF_8));
      request.getUserData().put(RequestContent.PARSED_BODY_KEY, body);
    }
    request.setRestOperationType(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE);
    return request;
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
