package org.moltx.http;

/** What an Accept header says about the client: one home for the test the pages and the 404 answer share. */
public final class AcceptHeader {
  private static final String HTML = "text/html";

  private AcceptHeader() {}

  /**
   * A browser's request: text/html among the accepted types (FHIR clients and curl do not list it). Media types are
   * case-insensitive; compared in place, as this runs for every /fhir request.
   */
  public static boolean acceptsHtml(String accept) {
    if (accept == null) {
      return false;
    }
    for (int i = 0; i + HTML.length() <= accept.length(); i++) {
      if (accept.regionMatches(true, i, HTML, 0, HTML.length())) {
        return true;
      }
    }
    return false;
  }
}
