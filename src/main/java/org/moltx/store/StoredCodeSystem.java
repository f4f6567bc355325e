package org.moltx.store;

import org.hl7.fhir.r4.model.CodeSystem;
import org.moltx.model.CodeSystemRelease;

/** A code system release and, for authored content, the resource it came from (null for official releases). */
public record StoredCodeSystem(CodeSystemRelease release, CodeSystem resource) {
  /** The logical id: the authored resource's, else the one the release manifest gives. */
  public String id() {
    return resource != null ? resource.getIdElement().getIdPart() : release.info().id();
  }
}
