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
  /**
   * Accepted by every terminology operation: formatting; tx-resource and the client cache (cache-id, ClientCaches);
   * diagnostics (DiagnosticsInterceptor); profile-url, which the HL7 validator sends on every call to name its own
   * parameter set (a relic of R3 expansion profiles: moltx holds none, so it changes nothing but the diagnostics).
   */
  private static final Set<String> GENERAL = Set.of("_format", "_pretty", "_summary", "_elements", "tx-resource", "uuid",
      "cache-id", "diagnostics", "profile-url");
  /** Parameters that may be given more than once; every other one at most once. */
  private static final Set<String> REPEATABLE = Set.of("property", "designation", "exclude-system", "system-version",
      "check-system-version", "force-system-version", "useSupplement", "supplement", "tx-resource", "dependency",
      "_elements", "exclude", "profile", "lenient-display-validation", "valueset-membership-only");

  private RequestParameters() {}

  /**
   * Refuses (400, not-supported, naming it and why) a parameter that the FHIR specification defines for the
   * operation but moltx cannot honour: accepting it and answering as if it were absent would answer another question.
   * {@code unsupported}: parameter name to the reason.
   */
  public static void refuseUnsupported(RequestDetails request, java.util.Map<String, String> unsupported,
      String operation) {
    Set<String> given = new LinkedHashSet<>(request.getParameters().keySet());
    Parameters body = RequestContent.body(request);
    if (body != null) {
      body.getParameter().forEach(p -> given.add(p.getName()));
    }
    for (String name : given) {
      if (name != null && unsupported.containsKey(name)) { // a nameless one is requireKnown's to refuse
        throw ErrorMapper.notSupported(operation + ": the parameter " + name + " is not supported: "
            + unsupported.get(name), name);
      }
    }
  }

  public static void requireKnown(RequestDetails request, Set<String> accepted, String operation) {
    Set<String> unknown = new LinkedHashSet<>();
    java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, String[]> e : request.getParameters().entrySet()) {
      String name = e.getKey();
      if (!accepted.contains(name) && !GENERAL.contains(name)) {
        unknown.add(name);
      }
      counts.merge(name, e.getValue() == null ? 0 : e.getValue().length, Integer::sum);
    }
    Parameters body = RequestContent.body(request);
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if (p.getName() == null || p.getName().isBlank()) {
          throw ErrorMapper.invalid(operation + ": a parameter of the Parameters resource has no name", "name");
        }
        if (!accepted.contains(p.getName()) && !GENERAL.contains(p.getName())) {
          unknown.add(p.getName());
        }
        counts.merge(p.getName(), 1, Integer::sum);
      }
    }
    if (!unknown.isEmpty()) {
      throw ErrorMapper.invalid(operation + " does not accept the parameter" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + "; it accepts " + String.join(", ", new java.util.TreeSet<>(accepted)),
          unknown.iterator().next());
    }
    for (java.util.Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > 1 && !REPEATABLE.contains(e.getKey())) {
        throw ErrorMapper.invalid(operation + ": the parameter " + e.getKey() + " is given " + e.getValue()
            + " times; it may be given once", e.getKey());
      }
    }
  }
}
