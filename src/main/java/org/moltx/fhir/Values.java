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

  /** A language tag, "*", or a list of them with q-values, as displayLanguage and Accept-Language carry. */
  private static final java.util.regex.Pattern LANGUAGES = java.util.regex.Pattern.compile(
      "(\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*q=[0-9.]{1,5})?"
          + "(\\s*,\\s*(\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*q=[0-9.]{1,5})?)*");

  /** displayLanguage, else the Accept-Language header; a malformed one is a 400. */
  static String displayLanguage(ParamSource in, String param) {
    String lang = param != null ? param : in.header("Accept-Language");
    if (lang != null && !LANGUAGES.matcher(lang.trim()).matches()) {
      throw ErrorMapper.invalid("Invalid displayLanguage: '" + lang + "'",
          org.hl7.fhir.r4.model.OperationOutcome.IssueType.PROCESSING, "invalid-display");
    }
    return lang;
  }

  /** displayLanguage, else the Accept-Language header; a malformed one is a 400. */
  static String displayLanguage(ca.uhn.fhir.rest.api.server.RequestDetails request, PrimitiveType<?> param) {
    String lang = string(param);
    lang = lang != null ? lang : request.getHeader("Accept-Language");
    if (lang != null && !LANGUAGES.matcher(lang.trim()).matches()) {
      throw ErrorMapper.invalid("Invalid displayLanguage: '" + lang + "'",
          org.hl7.fhir.r4.model.OperationOutcome.IssueType.PROCESSING, "invalid-display");
    }
    return lang;
  }
}
