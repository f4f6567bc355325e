package org.moltx.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * OperationOutcome JSON for the answers that the Jetty layer gives itself (limits, errors Jetty finds before the FHIR
 * servlet, admin endpoints). Written with Jackson: this layer does not depend on the FHIR model.
 */
public final class Outcomes {
  public static final String FHIR_JSON = "application/fhir+json;charset=utf-8";
  private static final JsonFactory JSON = new JsonFactory();

  private Outcomes() {}

  /** An OperationOutcome with one issue; severity "error" unless the code is "informational". */
  public static byte[] outcome(String issueCode, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("resourceType", "OperationOutcome");
      g.writeArrayFieldStart("issue");
      g.writeStartObject();
      g.writeStringField("severity", "informational".equals(issueCode) ? "information" : "error");
      g.writeStringField("code", issueCode);
      g.writeObjectFieldStart("details");
      g.writeStringField("text", message);
      g.writeEndObject();
      g.writeStringField("diagnostics", message);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The FHIR issue type for an HTTP error status. */
  public static String issueCode(int status) {
    return switch (status) {
      case 401, 403 -> "security";
      case 404 -> "not-found";
      case 405 -> "not-supported";
      case 408 -> "timeout";
      case 409 -> "conflict";
      case 413, 414, 431 -> "too-long";
      case 415, 406 -> "not-supported";
      case 429 -> "throttled";
      default -> status >= 500 ? "exception" : "invalid";
    };
  }

  /** Writes a complete OperationOutcome answer. */
  public static void write(Response response, Callback callback, int status, String message) {
    write(response, callback, status, issueCode(status), message);
  }

  public static void write(Response response, Callback callback, int status, String issueCode, String message) {
    byte[] body = outcome(issueCode, message);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, FHIR_JSON);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
