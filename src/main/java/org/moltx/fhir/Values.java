package org.moltx.fhir;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.PrimitiveType;

/** Null-safe reads of optional operation parameters. */
final class Values {
  private Values() {}

  static String string(PrimitiveType<?> p) {
    return p == null || p.isEmpty() ? null : p.getValueAsString();
  }

  static boolean bool(String s, boolean fallback) {
    return s == null ? fallback : Boolean.parseBoolean(s);
  }

  static boolean bool(BooleanType b, boolean fallback) {
    return b == null || b.getValue() == null ? fallback : b.getValue();
  }

  /** displayLanguage, else the Accept-Language header. */
  static String displayLanguage(ca.uhn.fhir.rest.api.server.RequestDetails request, PrimitiveType<?> param) {
    String lang = string(param);
    return lang != null ? lang : request.getHeader("Accept-Language");
  }
}
