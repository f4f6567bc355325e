package org.moltx.engine;

import java.util.Locale;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.Designation;

/** Display languages as clients ask for them: "de", "de-CH", "de,*", "en;q=0.9, de". */
public final class Languages {
  /** The designation use that marks a code system's display as the preferred term in its language. */
  public static final org.moltx.model.CodingValue PREFERRED_FOR_LANGUAGE = new org.moltx.model.CodingValue(
      "http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra", "preferredForLanguage", "Preferred For Language");

  private Languages() {}

  /** Whether a designation's language is one the request asks for (wildcards excluded). */
  public static boolean matches(String language, String requested) {
    if (language == null || requested == null) {
      return false;
    }
    String have = language.toLowerCase(Locale.ROOT);
    for (String r : requested.split("\\s*,\\s*")) {
      String wanted = r.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (!wanted.isEmpty() && !wanted.equals("*")
          && (have.equals(wanted) || have.startsWith(wanted + "-") || wanted.startsWith(have + "-"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The concept's display in the requested language when it has one, else its display; none when the request
   * refuses any other language ("de,*; q=0").
   */
  public static String display(CodeSystemRelease r, int i, String requested) {
    if (requested == null || matches(r.info().language(), requested)) {
      return r.display(i);
    }
    for (Designation d : r.designations(i)) {
      if (matches(d.language(), requested)) {
        return d.value();
      }
    }
    return refusesOthers(requested) ? null : r.display(i);
  }

  /** "*; q=0" among the requested languages: no language other than those named is acceptable. */
  static boolean refusesOthers(String requested) {
    for (String r : requested.split("\\s*,\\s*")) {
      String[] parts = r.split(";");
      if (parts[0].trim().equals("*") && parts.length > 1 && parts[1].trim().replace(" ", "").matches("q=0(\\.0*)?")) {
        return true;
      }
    }
    return false;
  }
}
