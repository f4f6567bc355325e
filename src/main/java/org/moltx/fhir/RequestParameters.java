package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Rejects parameters an operation does not accept. HAPI's plain server drops undeclared operation parameters
 * silently, so each operation checks the raw query and the POSTed Parameters against its published list.
 */
public final class RequestParameters {
  /** Where HAPI keeps the parsed POST body of an operation (OperationParameter.REQUEST_CONTENTS_USERDATA_KEY). */
  private static final String PARSED_BODY_KEY = OperationParam.class.getName() + "_PARSED_RESOURCE";
  private static final Set<String> GENERAL = Set.of("_format", "_pretty", "_summary", "_elements");

  private RequestParameters() {}

  public static void requireKnown(RequestDetails request, Set<String> accepted, String operation) {
    Set<String> unknown = new LinkedHashSet<>();
    for (String name : request.getParameters().keySet()) {
      if (!accepted.contains(name) && !GENERAL.contains(name)) {
        unknown.add(name);
      }
    }
    if (request.getUserData().get(PARSED_BODY_KEY) instanceof Parameters body) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if (!accepted.contains(p.getName())) {
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
