package org.moltx.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.moltx.engine.Terminology;
import org.moltx.store.TerminologyStore;

/**
 * An operation's input as the client sent it: query-string parameters, a POSTed Parameters body, or both, and the
 * request's headers. The direct path builds it from the servlet request, HAPI's @Operation methods from their
 * RequestDetails; every contract reads its parameters from here, so both roads parse alike.
 */
final class ParamSource {
  private final Map<String, String[]> query;
  private final Parameters body;
  private final UnaryOperator<String> headers;
  /** The loaded content this request reads, once; shared with the parts of a request (batch entries). */
  private final AtomicReference<TerminologyStore> loaded;

  ParamSource(Map<String, String[]> query, Parameters body, UnaryOperator<String> headers) {
    this(query, body, headers, new AtomicReference<>());
  }

  ParamSource(Map<String, String[]> query, Parameters body, UnaryOperator<String> headers,
      AtomicReference<TerminologyStore> loaded) {
    this.query = query;
    this.body = body;
    this.headers = headers;
    this.loaded = loaded;
  }

  static ParamSource of(RequestDetails request) {
    return new ParamSource(request.getParameters(), RequestContent.body(request), request::getHeader,
        RequestContent.loadedHolder(request));
  }

  /** The loaded content, read once per request, so that a reload midway cannot mix two snapshots. */
  TerminologyStore loaded(Terminology terminology) {
    return loaded.updateAndGet(read -> read != null ? read : terminology.store());
  }

  Map<String, String[]> query() {
    return query;
  }

  Parameters body() {
    return body;
  }

  String header(String name) {
    return headers.apply(name);
  }

  /** displayLanguage, else the Accept-Language header; a malformed one is a 400. */
  String displayLanguage() {
    String lang = string("displayLanguage");
    lang = lang != null ? lang : header("Accept-Language");
    if (lang != null && !LANGUAGES.matcher(lang.trim()).matches()) {
      throw ErrorMapper.invalid("Invalid displayLanguage: '" + lang + "'",
          org.hl7.fhir.r4.model.OperationOutcome.IssueType.PROCESSING, "invalid-display");
    }
    return lang;
  }

  /** A language tag, "*", or a list of them with q-values, as displayLanguage and Accept-Language carry. */
  private static final java.util.regex.Pattern LANGUAGES = java.util.regex.Pattern.compile(
      "(\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*q=[0-9.]{1,5})?"
          + "(\\s*,\\s*(\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*q=[0-9.]{1,5})?)*");

  /** How often each parameter is given, query and body together, in the order given. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    query.forEach((name, values) -> counts.merge(name, values == null ? 0 : values.length, Integer::sum));
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        // a nameless parameter counts under "", which the contract refuses
        counts.merge(p.getName() == null || p.getName().isBlank() ? "" : p.getName(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The simple values of a parameter, from the query string and the body (whatever primitive type they have). */
  List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    String[] fromQuery = query.get(name);
    if (fromQuery != null) {
      // an empty value (date=) says nothing, as HAPI reads it
      for (String v : fromQuery) {
        if (!v.isEmpty()) {
          out.add(v);
        }
      }
    }
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        Type v = p.getValue();
        if (name.equals(p.getName()) && v != null && v.isPrimitive()) {
          out.add(v.primitiveValue());
        }
      }
    }
    return out;
  }

  String string(String name) {
    List<String> all = strings(name);
    return all.isEmpty() ? null : all.get(0);
  }

  boolean has(String name) {
    return query.containsKey(name) || body != null && body.getParameter().stream().anyMatch(p -> name.equals(p.getName()));
  }

  /** A boolean parameter: true or false (absent: {@code fallback}); anything else is a 400 naming it. */
  boolean flag(String name, boolean fallback) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw ErrorMapper.invalid("The parameter " + name + " must be true or false, not '" + value + "'", name);
    }
    return Boolean.parseBoolean(value);
  }

  /** A whole-number parameter (absent: null); anything else is a 400 naming it. */
  Integer integer(String name) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    if (!value.matches("-?\\d{1,9}")) {
      throw ErrorMapper.invalid("The parameter " + name + " must be a whole number, not '" + value + "'", name);
    }
    return Integer.parseInt(value);
  }

  /**
   * A complex value (Coding, CodeableConcept) of the body; a Coding may also come in the query string as
   * system|code. A value of another type is a 400 naming it.
   */
  <T extends Type> T value(String name, Class<T> type) {
    String[] fromQuery = query.get(name);
    if (fromQuery != null && fromQuery.length > 0 && type == org.hl7.fhir.r4.model.Coding.class) {
      int bar = fromQuery[0].indexOf('|');
      return type.cast(bar < 0 ? new org.hl7.fhir.r4.model.Coding().setCode(fromQuery[0])
          : new org.hl7.fhir.r4.model.Coding().setSystem(bar == 0 ? null : fromQuery[0].substring(0, bar))
              .setCode(fromQuery[0].substring(bar + 1)));
    }
    if (body == null) {
      if (query.containsKey(name)) {
        throw ErrorMapper.invalid("The parameter " + name + " is a " + type.getSimpleName() + ": send it in a POSTed "
            + "Parameters resource", name);
      }
      return null;
    }
    for (Parameters.ParametersParameterComponent p : body.getParameter()) {
      if (name.equals(p.getName())) {
        if (!type.isInstance(p.getValue())) {
          throw ErrorMapper.invalid("The parameter " + name + " must be a " + type.getSimpleName(), name);
        }
        return type.cast(p.getValue());
      }
    }
    return null;
  }

  /** The resources the body carries under this name (tx-resource, valueSet, codeSystem, conceptMap). */
  List<Resource> resources(String name) {
    List<Resource> out = new ArrayList<>();
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if (name.equals(p.getName())) {
          if (p.getResource() == null) {
            throw ErrorMapper.invalid(name + " must carry a resource", name);
          }
          out.add((Resource) p.getResource());
        }
      }
    }
    if (query.containsKey(name)) {
      throw ErrorMapper.invalid("The parameter " + name + " is a resource: send it in a POSTed Parameters resource", name);
    }
    return out;
  }

  <T extends Resource> T resource(String name, Class<T> type) {
    List<Resource> all = resources(name);
    if (all.isEmpty()) {
      return null;
    }
    if (!type.isInstance(all.get(0))) {
      throw ErrorMapper.invalid("The parameter " + name + " must carry a " + type.getSimpleName() + ", not a "
          + all.get(0).fhirType(), name);
    }
    return type.cast(all.get(0));
  }
}
