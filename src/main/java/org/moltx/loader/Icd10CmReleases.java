package org.moltx.loader;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.model.ConceptProperty;
import org.moltx.model.Designation;
import org.moltx.model.PropertyDef;
import org.moltx.model.PropertyType;

/** Turns ICD-10-CM order-file entries into a release: dotted codes, prefix hierarchy, headers not selectable. */
public final class Icd10CmReleases {
  public static final String SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm";
  public static final CodingValue SHORT_TITLE =
      new CodingValue("http://moltx.org/fhir/CodeSystem/designation-use", "short-title", "Short title");
  public static final PropertyDef BILLABLE = new PropertyDef("billable",
      "http://moltx.org/fhir/CodeSystem/icd-10-cm#billable",
      "Valid for HIPAA-covered transactions (order file flag 1); headers are false", PropertyType.BOOLEAN);

  static final ConceptProperty[] IS_BILLABLE = {new ConceptProperty("billable", Boolean.TRUE)};
  static final ConceptProperty[] IS_HEADER = {new ConceptProperty("billable", Boolean.FALSE)};

  private Icd10CmReleases() {}

  static CodeSystemRelease build(List<Icd10CmEntry> entries, CodeSystemInfo info) {
    return build(entries, info, null);
  }

  /**
   * With a {@code base} release (the year before), unchanged concepts share its code and short-title strings,
   * so that a second year costs a fraction of the first.
   */
  static CodeSystemRelease build(List<Icd10CmEntry> entries, CodeSystemInfo info, CodeSystemRelease base) {
    Set<String> known = new HashSet<>(entries.size() * 2);
    for (Icd10CmEntry e : entries) {
      known.add(e.code());
    }
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    for (Icd10CmEntry e : entries) {
      String parent = null;
      // the parent is the longest prefix that exists: E0837X1 -> E0837, since E0837X does not exist
      for (int len = e.code().length() - 1; len >= 3 && parent == null; len--) {
        String prefix = e.code().substring(0, len);
        if (known.contains(prefix)) {
          parent = Icd10CmCodes.dotted(prefix);
        }
      }
      String code = Icd10CmCodes.dotted(e.code());
      Designation[] designations = null;
      int same = base == null ? -1 : base.indexOf(code);
      if (same >= 0) {
        code = base.code(same);
        Designation[] previous = base.designations(same);
        if (previous.length == 1 && previous[0].value().equals(e.shortTitle())) {
          designations = previous;
        }
      }
      if (designations == null) {
        designations = new Designation[] {new Designation("en", SHORT_TITLE, e.shortTitle())};
      }
      b.add(code, e.longTitle(), null, parent, !e.billable(), false, designations, e.billable() ? IS_BILLABLE : IS_HEADER);
    }
    return b.build(info, List.of(BILLABLE));
  }
}
