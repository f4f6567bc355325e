package org.moltx.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;
import org.moltx.engine.VersionPolicy;
import org.moltx.engine.CodedInput;
import org.moltx.engine.LookupRequest;
import org.moltx.engine.Terminology;
import org.moltx.engine.TerminologyException;
import org.moltx.engine.TranslateRequest;
import org.moltx.store.TerminologyStore;

/**
 * Answers the hot, plain GET forms of $lookup, CodeSystem/$validate-code and $translate straight from the engine,
 * rendered by the same renderers as the HAPI path, without HAPI's request dispatch (which alone costs most of a
 * request's time). Anything else, including every error and every non-JSON request, goes on to HAPI, so HAPI
 * remains the single place that parses unusual requests and maps errors.
 */
public final class FastPathFilter implements Filter {
  private static final Set<String> LOOKUP = Set.of("system", "code", "version");
  private static final Set<String> CS_VALIDATE = Set.of("url", "code", "version", "display");
  private static final Set<String> TRANSLATE = Set.of("system", "code", "targetsystem", "reverse");
  private static final String JSON = "application/fhir+json;charset=utf-8";

  private final Terminology terminology;
  private final FhirContext fhir;

  public FastPathFilter(Terminology terminology, FhirContext fhir) {
    this.terminology = terminology;
    this.fhir = fhir;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    // every FHIR request, metadata included, waits for the content to be loaded; a fast answer reads this content
    TerminologyStore store = terminology.store();
    Parameters answer = null;
    if ("GET".equals(request.getMethod()) && wantsJson(request) && request.getHeader("Accept-Language") == null) {
      try {
        answer = answer(store, request.getPathInfo(), request.getParameterMap());
      } catch (TerminologyException e) {
        answer = null; // HAPI answers it, through the one error mapper
      }
    }
    if (answer == null) {
      chain.doFilter(req, resp);
      return;
    }
    IParser parser = fhir.newJsonParser();
    byte[] body = parser.encodeResourceToString(answer).getBytes(StandardCharsets.UTF_8);
    HttpServletResponse response = (HttpServletResponse) resp;
    response.setStatus(200);
    response.setContentType(JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The answer for a plain request this path knows, or null to leave the request to HAPI. */
  private Parameters answer(TerminologyStore store, String path, Map<String, String[]> params) {
    if (path == null || !singleValued(params)) {
      return null;
    }
    return switch (path) {
      case "/CodeSystem/$lookup" -> only(params, LOOKUP, "system", "code")
          ? ParametersRenderer.lookup(terminology.lookup(store, new LookupRequest(get(params, "system"),
              get(params, "version"), get(params, "code"), null, null, List.of())))
          : null;
      case "/CodeSystem/$validate-code" -> only(params, CS_VALIDATE, "url", "code")
          ? ParametersRenderer.validation(terminology.validate(store, CodeSystemValidateCodeOperation.request(
              List.of(new CodedInput(get(params, "url"), get(params, "version"), get(params, "code"),
                  get(params, "display"), "code")), false, true, false, null, VersionPolicy.NONE)), null)
          : null;
      case "/ConceptMap/$translate" -> only(params, TRANSLATE, "system", "code")
          ? ParametersRenderer.translate(terminology.translate(store, new TranslateRequest(
              get(params, "code"), get(params, "system"), null, null, null, null, null, get(params, "targetsystem"),
              "true".equals(get(params, "reverse")), TranslateOperation.USE_HIERARCHY)))
          : null;
      default -> null;
    };
  }

  private static boolean wantsJson(HttpServletRequest request) {
    String format = request.getParameter("_format");
    String accept = request.getHeader("Accept");
    return format == null && (accept == null || accept.contains("json") || accept.equals("*/*"));
  }

  private static boolean singleValued(Map<String, String[]> params) {
    return params.values().stream().allMatch(v -> v.length == 1 && !v[0].isEmpty());
  }

  /** Only the given parameters, and the required ones present; "reverse" only as true or false. */
  private static boolean only(Map<String, String[]> params, Set<String> allowed, String... required) {
    if (!allowed.containsAll(params.keySet())) {
      return false;
    }
    for (String r : required) {
      if (!params.containsKey(r)) {
        return false;
      }
    }
    String reverse = get(params, "reverse");
    return reverse == null || reverse.equals("true") || reverse.equals("false");
  }

  private static String get(Map<String, String[]> params, String name) {
    String[] v = params.get(name);
    return v == null ? null : v[0];
  }
}
