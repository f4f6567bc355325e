package org.moltx.engine;

import java.util.List;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/** Helpful additions to "unknown code" messages. */
final class Hints {
  static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

  private Hints() {}

  /**
   * A code a release lacks: the dotted form an X12 claim dropped, or, when the coding named no version, the other
   * releases that do have it (a code deleted in the newest release is no typo: say it exists in an older one).
   */
  static String forUnknownCode(TerminologyStore store, CodeSystemRelease release, String code, boolean versionNamed) {
    String dotted = dotted(release, code);
    if (!dotted.isEmpty() || versionNamed) {
      return dotted;
    }
    List<String> holding = store.codeSystemVersions(release.url()).stream().map(StoredCodeSystem::release)
        .filter(r -> r != release && r.indexOf(code) >= 0).map(CodeSystemRelease::version).toList();
    return holding.isEmpty() ? "" : "; it is in version" + (holding.size() > 1 ? "s " : " ")
        + String.join(", ", holding.stream().map(v -> "'" + v + "'").toList()) + " of this code system";
  }

  /** X12 claims carry ICD-10-CM codes without the dot (C9210): name the dotted code when it exists. */
  private static String dotted(CodeSystemRelease release, String code) {
    if (ICD10CM.equals(release.url()) && code.length() > 3 && code.indexOf('.') < 0) {
      String dotted = code.substring(0, 3) + "." + code.substring(3);
      int i = release.indexOf(dotted);
      if (i >= 0) {
        return "; ICD-10-CM codes are written with a dot: did you mean '" + dotted + "' (" + release.display(i) + ")?";
      }
    }
    return "";
  }
}
