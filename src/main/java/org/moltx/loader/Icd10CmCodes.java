package org.moltx.loader;

/** The shape of ICD-10-CM codes: CMS files write them without the dot, FHIR with it (C92.01). */
public final class Icd10CmCodes {
  private Icd10CmCodes() {}

  /** A letter, two alphanumerics, then up to four alphanumerics; no dot. */
  static boolean isWellFormed(String undotted) {
    if (undotted.length() < 3 || undotted.length() > 7 || !Character.isLetter(undotted.charAt(0))) {
      return false;
    }
    for (int i = 1; i < undotted.length(); i++) {
      char c = undotted.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  /** C9201 -> C92.01; categories (three characters) have no dot. */
  public static String dotted(String undotted) {
    return undotted.length() <= 3 ? undotted : undotted.substring(0, 3) + "." + undotted.substring(3);
  }
}
