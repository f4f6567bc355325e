package org.moltx.fhir;

import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The formats /fhir answers in: FHIR JSON and XML, as the CapabilityStatement says. HAPI would answer a request for
 * Turtle with its RDF writer, which needs Apache Jena (left out of the build: HAPI probing for it loaded ~700 classes
 * into every server). A request that asks for Turtle only gets the 406 Not Acceptable the FHIR specification gives an
 * unsupported format; an Accept header that lists Turtle beside other types is read without it.
 */
final class ServedFormats {
  private static final String TURTLE = "turtle";

  private ServedFormats() {}

  /** The request as HAPI should see it; throws the 406 for a request that can only be answered in Turtle. */
  static HttpServletRequest served(HttpServletRequest request) {
    String format = request.getParameter("_format");
    if (format != null && isTurtle(format)) {
      throw notAcceptable("_format=" + format);
    }
    String accept = request.getHeader("Accept");
    if (format != null || accept == null || !accept.toLowerCase(Locale.ROOT).contains(TURTLE)) {
      return request;
    }
    String others = Arrays.stream(accept.split(",")).filter(type -> !isTurtle(type.split(";")[0]))
        .map(String::trim).filter(type -> !type.isEmpty()).collect(Collectors.joining(", "));
    if (others.isEmpty()) {
      throw notAcceptable("Accept: " + accept);
    }
    return new HttpServletRequestWrapper(request) {
      @Override
      public String getHeader(String name) {
        return "Accept".equalsIgnoreCase(name) ? others : super.getHeader(name);
      }

      @Override
      public java.util.Enumeration<String> getHeaders(String name) {
        return "Accept".equalsIgnoreCase(name) ? java.util.Collections.enumeration(java.util.List.of(others))
            : super.getHeaders(name);
      }
    };
  }

  /** ttl, turtle, text/turtle, application/fhir+turtle, application/x-turtle: HAPI's names for its RDF format. */
  private static boolean isTurtle(String format) {
    String f = format.trim().toLowerCase(Locale.ROOT);
    return f.equals("ttl") || f.contains(TURTLE);
  }

  private static UnclassifiedServerFailureException notAcceptable(String asked) {
    String message = "This server answers in FHIR JSON (application/fhir+json) and XML (application/fhir+xml); "
        + "Turtle (RDF) is not supported (" + asked + ")";
    UnclassifiedServerFailureException e = new UnclassifiedServerFailureException(406, message);
    e.setOperationOutcome(ErrorMapper.outcome(IssueType.NOTSUPPORTED, message, null));
    return e;
  }
}
