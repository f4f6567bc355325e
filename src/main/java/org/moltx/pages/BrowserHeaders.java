package org.moltx.pages;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The security headers of what a browser renders: the pages, and /fhir answered as HTML. Set in front of the
 * response cache, so an answer served from it has them too. The policy allows scripts and styles of this server
 * only (no inline script or style), no framing, forms to this server only.
 */
public final class BrowserHeaders extends Handler.Wrapper {
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final HttpField CSP = new PreEncodedHttpField("Content-Security-Policy", POLICY);
  private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
  private static final HttpField REFERRER = new PreEncodedHttpField("Referrer-Policy", "no-referrer");

  public BrowserHeaders(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if (PagesServlet.isPage(path) || path.startsWith("/fhir") && FhirHtmlFilter.wantsHtml(
        request.getHeaders().get(HttpHeader.ACCEPT), request.getHttpURI().getQuery())) {
      response.getHeaders().put(CSP);
      response.getHeaders().put(NOSNIFF);
      response.getHeaders().put(REFERRER);
    }
    return super.handle(request, response, callback);
  }
}
