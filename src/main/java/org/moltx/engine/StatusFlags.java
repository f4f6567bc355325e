package org.moltx.engine;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MetadataResource;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/**
 * Why a client should look twice at a code system or value set it used: withdrawn or deprecated (standards status),
 * draft, or experimental. Reported as "Reference to draft CodeSystem url|version" and "warning-draft" expansion
 * parameters, as the HL7 terminology ecosystem does.
 */
public final class StatusFlags {
  /** The extension by which a resource, a concept or a designation states its standards status. */
  public static final String STANDARDS_STATUS =
      "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status";

  private StatusFlags() {}

  /** The flag of a value set: only its standards status counts (draft value sets are everyday local content). */
  static String ofValueSet(MetadataResource r) {
    String flag = of(r);
    return "withdrawn".equals(flag) || "deprecated".equals(flag) ? flag : null;
  }

  /** The flag of a resource, or null. */
  static String of(MetadataResource r) {
    if (r == null) {
      return null;
    }
    Extension e = r.getExtensionByUrl(STANDARDS_STATUS);
    String standards = e == null || e.getValue() == null ? null : e.getValue().primitiveValue();
    if ("withdrawn".equals(standards) || "deprecated".equals(standards)) {
      return standards;
    }
    if (r.getStatus() == PublicationStatus.DRAFT) {
      return "draft";
    }
    return r.getExperimental() ? "experimental" : null;
  }

  /** The flag of a release, from the resource it was loaded from (official releases have none). */
  static String of(TerminologyStore store, CodeSystemRelease release) {
    for (StoredCodeSystem s : store.codeSystemVersions(release.url())) {
      if (s.release() == release) {
        return of(s.resource());
      }
    }
    return null;
  }
}
