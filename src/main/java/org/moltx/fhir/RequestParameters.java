package org.moltx.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Rejects parameters an operation does not accept. HAPI's plain server drops undeclared operation parameters
 * silently, so each operation checks the raw query and the POSTed Parameters against its published list.
 */
public final class RequestParameters {
  private static final Set<String> GENERAL = Set.of("_format", "_pretty", "_summary", "_elements", "tx-resource", "uuid");

  private RequestParameters() {}

  public static void requireKnown(RequestDetails request, Set<String> accepted, String operation) {
    Set<String> unknown = new LinkedHashSet<>();
    for (String name : request.getParameters().keySet()) {
      if (!accepted.contains(name) && !GENERAL.contains(name)) {
        unknown.add(name);
      }
    }
    Parameters body = RequestContent.body(request);
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if (!accepted.contains(p.getName()) && !GENERAL.contains(p.getName())) {
          unknown.add(p.getName());
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw ErrorMapper.invalid(operation + " does not accept the parameter" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + "; it accepts " + String.join(", ", new java.util.TreeSet<>(accepted)),
          unknown.iterator().next());
    }
  }
}
