package org.moltx.http;

/** What an Accept header says about the client: one home for the tests the pages, the 404 answer and /fhir share. */
public final class AcceptHeader {
  private static final String HTML = "text/html";

  private AcceptHeader() {}

  /**
   * A browser's request: text/html among the accepted types (FHIR clients and curl do not list it).
   */
  public static boolean acceptsHtml(String accept) {
    return mentions(accept, HTML);
  }

  /**
   * Whether the header names {@code token} anywhere, ignoring case (media types are case-insensitive); compared in
   * place, as this runs for every /fhir request.
   */
  public static boolean mentions(String accept, String token) {
    if (accept == null) {
      return false;
    }
    for (int i = 0; i + token.length() <= accept.length(); i++) {
      if (accept.regionMatches(true, i, token, 0, token.length())) {
        return true;
      }
    }
    return false;
  }
}
