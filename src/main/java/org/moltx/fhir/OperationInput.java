package org.moltx.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads repeated or loosely-typed operation parameters from the request as sent (query string or POSTed
 * Parameters), e.g. system-version, whose values may come as uri, canonical or string.
 */
final class OperationInput {
  private OperationInput() {}

  static List<String> strings(RequestDetails request, String name) {
    List<String> out = new ArrayList<>();
    String[] query = request.getParameters().get(name);
    if (query != null) {
      out.addAll(List.of(query));
    }
    Parameters body = RequestContent.body(request);
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        Type v = p.getValue();
        if (p.getName().equals(name) && v != null && v.isPrimitive()) {
          out.add(v.primitiveValue());
        }
      }
    }
    return out;
  }

  static String string(RequestDetails request, String name) {
    List<String> all = strings(request, name);
    return all.isEmpty() ? null : all.get(0);
  }

  /** A boolean parameter: true or false (absent: {@code fallback}); anything else is a 400 naming it. */
  static boolean flag(RequestDetails request, String name, boolean fallback) {
    String value = string(request, name);
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw ErrorMapper.invalid("The parameter " + name + " must be true or false, not '" + value + "'", name);
    }
    return Boolean.parseBoolean(value);
  }

  static boolean has(RequestDetails request, String name) {
    return !strings(request, name).isEmpty();
  }
}
