package org.moltx.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The content is read-only: create, update, patch, delete and history answer 405 with an
 * OperationOutcome, before HAPI looks for a method (it would answer 400 "does not know how to handle" by itself).
 * Allowed: GET/HEAD reads, searches and operations, POST of operations ({@code $name}) and of {@code _search}.
 */
@Interceptor
public final class ReadOnlyInterceptor {
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
  public boolean check(HttpServletRequest request, HttpServletResponse response) {
    try {
      return allowed(request);
    } catch (MethodNotAllowedException refused) {
      finishReading(request, response);
      throw refused;
    }
  }

  /**
   * A refusal is answered before the body is read: read the rest (bounded by the server's body limit) so the
   * connection serves the next request, or close it after the answer.
   */
  private static void finishReading(HttpServletRequest request, HttpServletResponse response) {
    try {
      request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException | RuntimeException e) {
      response.setHeader("Connection", "close");
    }
  }

  private static boolean allowed(HttpServletRequest request) {
    String method = request.getMethod();
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String last = path.substring(path.lastIndexOf('/') + 1);
    switch (method) {
      case "GET", "HEAD" -> {
        if (path.contains("/_history") || path.startsWith("_history")) {
          throw refused("History is not available: this terminology server's content is read-only and has no "
              + "versions of its own", RequestTypeEnum.GET);
        }
      }
      case "POST" -> {
        // POST to the base is a batch Bundle, which BatchBundleProvider answers (and refuses transactions)
        boolean base = path.isEmpty() || path.equals("/");
        if (!base && !last.startsWith("$") && !last.equals("_search")) {
          throw refused("POST to create a resource is not allowed: this terminology server is read-only (POST is for "
              + "operations such as $lookup, for _search, and for batch Bundles to the base)", RequestTypeEnum.GET);
        }
      }
      case "OPTIONS" -> {
        // CapabilityStatement, answered by HAPI
      }
      case "PUT", "PATCH", "DELETE" -> throw refused(method + " is not allowed: this terminology server is "
          + "read-only", RequestTypeEnum.GET, RequestTypeEnum.POST);
      default -> throw refused("HTTP method " + method + " is not supported", RequestTypeEnum.GET,
          RequestTypeEnum.POST);
    }
    return true;
  }

  private static MethodNotAllowedException refused(String message, RequestTypeEnum... allowed) {
    MethodNotAllowedException e = new MethodNotAllowedException(message, allowed);
    e.setOperationOutcome(ErrorMapper.outcome(IssueType.NOTSUPPORTED, message, null));
    return e;
  }
}
