package org.moltx.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors that Jetty produces itself (bad request line 400, 413, 414, 431, unmapped paths, failures outside
 * the FHIR servlet) with an OperationOutcome instead of Jetty's HTML page; never a stack trace. Client errors keep
 * Jetty's reason (e.g. "URI Too Long"); server errors say nothing of the insides.
 */
public final class JsonErrorHandler extends ErrorHandler {
  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    String reason = HttpStatus.getMessage(status);
    String message;
    if (status == 505) {
      message = "HTTP version not supported: use HTTP/1.1 (or HTTP/1.0)";
    } else if (status >= 500) {
      message = "The server could not answer this request (" + status + " " + reason + "); see the server log";
    } else {
      Object m = request.getAttribute(ERROR_MESSAGE);
      String detail = m instanceof String s && !s.isBlank() && !s.contains("\n") && s.length() < 300 ? s : reason;
      message = explain(status, detail);
    }
    byte[] body = Outcomes.outcome(Outcomes.issueCode(status), message);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Outcomes.FHIR_JSON);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private static String explain(int status, String detail) {
    return switch (status) {
      case 413 -> "The request body is too large (" + detail + ")";
      case 414 -> "The request URL is too long (" + detail + ")";
      case 431 -> "The request headers are too large (" + detail + ")";
      case 404 -> "Nothing is served at this path: FHIR is at /fhir, CDS Hooks at /cds-services (" + detail + ")";
      case 400 -> "Bad request: " + detail;
      default -> status + " " + detail;
    };
  }
}
