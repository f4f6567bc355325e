package org.moltx.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.moltx.engine.Terminology;

/**
 * The one road of a terminology operation: its contract reads the parameters, the engine answers, the answer is
 * written once, as FHIR JSON straight from the engine's result. The direct path (DirectPathFilter), HAPI's
 * @Operation methods, batch entries and $batch-validate-code all come here; XML, _summary and _elements go through
 * HAPI's parser after that one writer.
 */
final class OperationPipeline {
  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final String JSON = "application/fhir+json;charset=utf-8";

  static final LookupContract LOOKUP = new LookupContract();
  static final CodeSystemValidateContract CODE_SYSTEM_VALIDATE = new CodeSystemValidateContract();
  static final SubsumesContract SUBSUMES = new SubsumesContract();
  static final ValueSetValidateContract VALUE_SET_VALIDATE = new ValueSetValidateContract();
  static final ExpandContract EXPAND = new ExpandContract();
  static final TranslateContract TRANSLATE = new TranslateContract();
  static final List<OperationContract> CONTRACTS = List.of(LOOKUP, CODE_SYSTEM_VALIDATE, SUBSUMES, VALUE_SET_VALIDATE,
      EXPAND, TRANSLATE);

  /** A request path's contract and the instance it names (null at type level). */
  record Route(OperationContract contract, String id) {}

  private OperationPipeline() {}

  /** The contract for a path below the FHIR base such as /CodeSystem/$lookup or /ValueSet/x/$expand, else null. */
  static Route route(String path) {
    if (path == null) {
      return null;
    }
    String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : path.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      return null;
    }
    String operation = parts[parts.length - 1];
    for (OperationContract c : CONTRACTS) {
      if (c.resourceType().equals(parts[0]) && c.operation().equals(operation)) {
        return new Route(c, parts.length == 3 && !parts[1].isEmpty() ? parts[1] : null);
      }
    }
    return null;
  }

  /** Runs the contract: the typed answer and, when asked for, its diagnostics. */
  record Result(OperationContract.Answer answer, String diagnostics) {
    void writeJson(OutputStream stream, boolean pretty) {
      try (FhirJson out = new FhirJson(stream, pretty)) {
        answer.write(out, diagnostics);
      }
    }

    byte[] json() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
      writeJson(bytes, false);
      return bytes.toByteArray();
    }

    /** The answer as a HAPI resource, for callers that need one (batch, XML, _summary, in-process clients). */
    IBaseResource resource() {
      return FHIR.newJsonParser().parseResource(new String(json(), StandardCharsets.UTF_8));
    }
  }

  static Result run(Route route, ParamSource in, String method, Terminology terminology) {
    long started = System.nanoTime();
    OperationContract.Answer answer = route.contract().run(in, route.id(), terminology);
    String diagnostics = in.flag("diagnostics", false) ? Diagnostics.text(route, in, method, answer, started) : null;
    return new Result(answer, diagnostics);
  }

  /**
   * Answers a servlet request for the route: reads the query and a POSTed Parameters body (JSON or XML), runs the
   * contract and writes the answer. Errors propagate to the caller, which maps them once (ErrorMapper).
   */
  static void serve(Route route, HttpServletRequest request, HttpServletResponse response, Terminology terminology)
      throws IOException {
    Parameters body = "POST".equals(request.getMethod()) ? body(request) : null;
    UnaryOperator<String> headers = request::getHeader;
    ParamSource in = new ParamSource(request.getParameterMap(), body, headers);
    Result result = run(route, in, request.getMethod(), terminology);
    write(result, in, request.getHeader("Accept"), response);
  }

  /** The POSTed Parameters, parsed by HAPI as JSON or XML (by Content-Type); an unreadable body is a 400. */
  static Parameters body(HttpServletRequest request) throws IOException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    try (InputStream stream = request.getInputStream()) {
      String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      if (text.isBlank()) {
        return null;
      }
      IParser parser = type.contains("xml") ? FHIR.newXmlParser() : FHIR.newJsonParser();
      IBaseResource parsed = parser.parseResource(text);
      if (!(parsed instanceof Parameters p)) {
        throw new InvalidRequestException("The body of an operation must be a Parameters resource, not a "
            + FHIR.getResourceType(parsed));
      }
      return p;
    } catch (DataFormatException e) {
      throw new InvalidRequestException("The body could not be read as FHIR " + (type.contains("xml") ? "XML" : "JSON")
          + ": " + e.getMessage());
    }
  }

  /** JSON straight from the writer; XML, _summary or _elements through HAPI's parser. */
  private static void write(Result result, ParamSource in, String accept, HttpServletResponse response)
      throws IOException {
    boolean pretty = in.flag("_pretty", false);
    String format = in.string("_format");
    boolean xml = format != null ? format.contains("xml") : accept != null && accept.contains("xml") && !accept.contains("json");
    response.setStatus(200);
    if (!xml && !in.has("_summary") && !in.has("_elements")) {
      // whole, with its length: one write, no chunked encoding
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
      result.writeJson(bytes, pretty);
      response.setContentType(JSON);
      response.setContentLength(bytes.size());
      bytes.writeTo(response.getOutputStream());
      return;
    }
    IParser parser = xml ? FHIR.newXmlParser() : FHIR.newJsonParser();
    parser.setPrettyPrint(pretty);
    if (in.has("_summary")) {
      SummaryEnum summary = SummaryEnum.fromCode(in.string("_summary"));
      if (summary == null) {
        throw ErrorMapper.invalid("_summary must be true, false, text, data or count, not '" + in.string("_summary")
            + "'", "_summary");
      }
      parser.setSummaryMode(summary == SummaryEnum.TRUE);
    }
    if (in.has("_elements")) {
      Set<String> elements = new LinkedHashSet<>();
      in.strings("_elements").forEach(e -> elements.addAll(List.of(e.split(","))));
      parser.setEncodeElements(elements);
    }
    byte[] body = parser.encodeResourceToString(result.resource()).getBytes(StandardCharsets.UTF_8);
    response.setContentType(xml ? "application/fhir+xml;charset=utf-8" : JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

}
