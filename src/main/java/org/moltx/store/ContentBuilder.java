package org.moltx.store;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.CodeSystemRelease;

/** What the store's builders collect, the loaded store's and a request overlay's alike: resources to index. */
public abstract class ContentBuilder<B extends ContentBuilder<B>> {
  final ResourceIndex.Builder resources = new ResourceIndex.Builder();

  ContentBuilder() {}

  private B self() {
    @SuppressWarnings("unchecked")
    B b = (B) this;
    return b;
  }

  /** resource: the authored CodeSystem the release came from, null for an official release. */
  public B addCodeSystem(CodeSystemRelease release, CodeSystem resource) {
    resources.addCodeSystem(release, resource);
    return self();
  }

  public B addSupplement(CodeSystem supplement) {
    resources.addSupplement(supplement);
    return self();
  }

  public B addValueSet(ValueSet vs) {
    resources.addValueSet(vs);
    return self();
  }

  public B addConceptMap(ConceptMap cm) {
    resources.addConceptMap(cm);
    return self();
  }

  /** The store of what was added; adding more afterwards does not change it. */
  public abstract TerminologyStore build();
}
