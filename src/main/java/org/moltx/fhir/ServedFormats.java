package org.moltx.fhir;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.moltx.http.AcceptHeader;

/**
 * The formats /fhir answers in: FHIR JSON and XML, as the CapabilityStatement says. HAPI would answer a request for
 * Turtle with its RDF writer, which needs Apache Jena (left out of the build: HAPI probing for it loaded ~700 classes
 * into every server). A request that asks for Turtle only gets the 406 Not Acceptable the FHIR specification gives an
 * unsupported format; an Accept header that lists Turtle beside other types is read without it.
 */
final class ServedFormats {

  private ServedFormats() {}

  /** The request as HAPI should see it; throws the 406 for a request that can only be answered in Turtle. */
  static HttpServletRequest served(HttpServletRequest request) {
    String format = request.getParameter("_format");
    if (format != null && isTurtle(format)) {
      throw notAcceptable("_format=" + format);
    }
    String accept = request.getHeader("Accept");
    // HAPI reads an Accept type by the same loose table as _format: "ttl" and "rdf" name Turtle there too
    if (format != null || !(AcceptHeader.mentions(accept, "turtle") || AcceptHeader.mentions(accept, "ttl")
        || AcceptHeader.mentions(accept, "rdf"))) {
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

  /**
   * A name HAPI would answer with its RDF writer, by HAPI's own table (ttl, rdf, text/turtle, application/fhir+turtle,
   * application/x-turtle), or a Turtle media type in other letter case.
   */
  private static boolean isTurtle(String format) {
    String f = format.trim();
    return EncodingEnum.forContentType(f) == EncodingEnum.RDF || AcceptHeader.mentions(f, "turtle");
  }

  private static UnclassifiedServerFailureException notAcceptable(String asked) {
    String message = "This server answers in FHIR JSON (application/fhir+json) and XML (application/fhir+xml); "
        + "Turtle (RDF) is not supported (" + asked + ")";
    UnclassifiedServerFailureException e = new UnclassifiedServerFailureException(406, message);
    e.setOperationOutcome(ErrorMapper.outcome(IssueType.NOTSUPPORTED, message, null));
    return e;
  }
}
