package org.moltx.http;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses requests beyond the configured limits before any work is done: a request target (path and query) longer
 * than {@code maxUrlLength} (414), more query parameters than {@code maxParams} (400), a query parameter name with a
 * control character (400). The body size is limited by
 * Jetty's SizeLimitHandler (413) and the header size by the connector (431): see ServerFactory.
 */
public final class RequestLimits extends Handler.Wrapper {
  private final int maxUrlLength;
  private final int maxParams;

  public RequestLimits(int maxUrlLength, int maxParams, Handler next) {
    super(next);
    this.maxUrlLength = maxUrlLength;
    this.maxParams = maxParams;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    String query = uri.getQuery();
    int length = (path == null ? 0 : path.length()) + (query == null ? 0 : query.length() + 1);
    if (length > maxUrlLength) {
      Outcomes.write(response, callback, 414, "too-long", "The request URL is " + length
          + " characters long; this server accepts at most " + maxUrlLength + " (POST the parameters instead)");
      return true;
    }
    if (query != null && !query.isEmpty()) {
      int params = 1;
      for (int i = 0; i < query.length(); i++) {
        if (query.charAt(i) == '&') {
          params++;
        }
      }
      if (params > maxParams) {
        Outcomes.write(response, callback, 400, "too-long", "The request has " + params
            + " query parameters; this server accepts at most " + maxParams);
        return true;
      }
      if (controlInName(query)) {
        // HAPI trims parameter names: "%00" and "" would collide and fail the request with a 500
        Outcomes.write(response, callback, 400, "invalid", "A query parameter name holds a control character");
        return true;
      }
    }
    return super.handle(request, response, callback);
  }

  /** Whether a parameter name holds a control character (raw or %-encoded); one pass, no split (every request). */
  static boolean controlInName(String query) {
    int nameStart = 0;
    while (nameStart <= query.length()) {
      int paramEnd = query.indexOf('&', nameStart);
      if (paramEnd < 0) {
        paramEnd = query.length();
      }
      int nameEnd = nameStart;
      while (nameEnd < paramEnd && query.charAt(nameEnd) != '=') {
        nameEnd++;
      }
      for (int i = nameStart; i < nameEnd; i++) {
        char c = query.charAt(i);
        if (c < 0x20 || c == 0x7f) {
          return true;
        }
        if (c == '%' && i + 2 < nameEnd) {
          int hi = Character.digit(query.charAt(i + 1), 16);
          int lo = Character.digit(query.charAt(i + 2), 16);
          if (hi >= 0 && lo >= 0 && ((hi << 4 | lo) < 0x20 || (hi << 4 | lo) == 0x7f)) {
            return true;
          }
        }
      }
      nameStart = paramEnd + 1;
    }
    return false;
  }
}
