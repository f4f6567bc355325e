package org.moltx.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;

/**
 * The ICD-10-CM diagnoses that indicate one CPT code, as the indications ConceptMap says, with the ICD-10-CM release
 * whose hierarchy decides whether a diagnosis falls under an accepted category (C18.7 under C18).
 *
 * @param order the CPT code and its display in the loaded CPT content
 * @param accepted the accepted indications, in map order, with their official titles
 * @param valueSetId logical id of the ValueSet that lists these indications on this server, or null
 */
public record Indications(CodingValue order, List<Indication> accepted, String valueSetId, CodeSystemRelease icd10cm) {

  /** One accepted diagnosis; {@code category} when it has codes below it, each of which it indicates too. */
  public record Indication(CodingValue diagnosis, boolean category) {}

  /** True when the CPT code is outside the indication content: nothing to check. */
  public boolean isEmpty() {
    return accepted.isEmpty();
  }

  /**
   * The accepted indication that covers an ICD-10-CM code: the code itself or its nearest listed ancestor. Codes are
   * compared as ICD-10-CM writes them; a code sent without its dot (C187) is read as C18.7.
   */
  public Optional<Indication> covering(String icdCode) {
    if (icdCode == null || icdCode.isBlank()) {
      return Optional.empty();
    }
    String code = normalize(icdCode);
    int i = icd10cm == null ? -1 : icd10cm.indexOf(code);
    if (i < 0) {
      return find(code); // no release loaded, or a code it does not know: only an exact listing counts
    }
    for (; i >= 0; i = icd10cm.parent(i)) {
      Optional<Indication> hit = find(icd10cm.code(i));
      if (hit.isPresent()) {
        return hit;
      }
    }
    return Optional.empty();
  }

  /** Whether these diagnoses support the test, and which indication covers each ({@link OrderCheck}). */
  public OrderCheck check(List<String> diagnoses) {
    return OrderCheck.of(this, diagnoses);
  }

  /** The official ICD-10-CM title of a code, or null when the loaded release does not know it. */
  public String icd10cmDisplay(String icdCode) {
    if (icd10cm == null || icdCode == null) {
      return null;
    }
    int i = icd10cm.indexOf(normalize(icdCode));
    return i < 0 ? null : icd10cm.display(i);
  }

  private Optional<Indication> find(String code) {
    return accepted.stream().filter(a -> a.diagnosis().code().equals(code)).findFirst();
  }

  /** An ICD-10-CM code as the release writes it: upper case, with its dot (C187 -> C18.7). */
  public static String normalize(String icdCode) {
    String c = icdCode.trim().toUpperCase(Locale.ROOT);
    return c.length() > 3 && c.indexOf('.') < 0 ? c.substring(0, 3) + "." + c.substring(3) : c;
  }
}
