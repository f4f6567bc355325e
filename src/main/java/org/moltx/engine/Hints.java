package org.moltx.engine;

import org.moltx.model.CodeSystemRelease;

/** Helpful additions to "unknown code" messages. */
final class Hints {
  static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

  private Hints() {}

  /** X12 claims carry ICD-10-CM codes without the dot (C9210): name the dotted code when it exists. */
  static String forUnknownCode(CodeSystemRelease release, String code) {
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
