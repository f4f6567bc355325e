package org.moltx.engine;

import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.CodeSystemRelease;

/** One concept in an expansion: from {@code release} at {@code index}, with the display the value set gives it. */
public record ExpansionItem(CodeSystemRelease release, int index, String display,
    ValueSet.ConceptReferenceComponent listed) {
  /** listed: the value set's own entry for the concept (its designations and extensions), null when a filter chose it. */
  public ExpansionItem(CodeSystemRelease release, int index, String display) {
    this(release, index, display, null);
  }

  public String system() {
    return release.url();
  }

  public String code() {
    return release.code(index);
  }
}
