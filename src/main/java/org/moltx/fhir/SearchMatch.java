package org.moltx.fhir;

import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import org.moltx.store.TerminologyStore;
import java.util.Locale;

/** The FHIR search semantics our resource searches need: uri and token equality, string prefix. */
final class SearchMatch {
  private SearchMatch() {}

  static boolean uri(UriParam param, String value) {
    return param == null || (value != null && value.equals(param.getValue()));
  }

  /** A code system's canonical url against a url or system parameter that may name it by a registered alias. */
  static boolean system(TerminologyStore store, UriParam param, String value) {
    return param == null || (value != null && value.equals(store.canonicalSystem(param.getValue())));
  }

  static boolean token(TokenParam param, String value) {
    return param == null || (value != null && value.equals(param.getValue()));
  }

  /** FHIR string search: case-insensitive prefix, or equality with :exact, or substring with :contains. */
  static boolean string(StringParam param, String value) {
    if (param == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    if (param.isExact()) {
      return value.equals(param.getValue());
    }
    String v = value.toLowerCase(Locale.ROOT);
    String q = param.getValue().toLowerCase(Locale.ROOT);
    return param.isContains() ? v.contains(q) : v.startsWith(q);
  }
}
