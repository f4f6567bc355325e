package org.moltx.store;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/** The loaded content: indexed once by {@link TerminologyStore.Builder}, never changed after, read by every request. */
final class LoadedStore extends TerminologyStore {
  private final ResourceIndex resources;
  private final FallbackSource fallback;

  LoadedStore(ResourceIndex resources, FallbackSource fallback) {
    this.resources = resources;
    this.fallback = fallback;
  }

  @Override
  List<StoredCodeSystem> definedCodeSystemVersions(String canonical) {
    return resources.codeSystemVersions(canonical);
  }

  @Override
  List<ValueSet> definedValueSetVersions(String url) {
    return resources.valueSetVersions(url);
  }

  @Override
  FallbackSource fallback() {
    return fallback;
  }

  @Override
  public List<CodeSystem> supplementVersions(String url) {
    return resources.supplementVersions(url);
  }

  @Override
  public List<ConceptMapIndex> conceptMapVersions(String url) {
    return resources.conceptMapVersions(url);
  }

  @Override
  public List<StoredCodeSystem> codeSystems() {
    return resources.codeSystems();
  }

  @Override
  public List<ValueSet> valueSets() {
    return resources.valueSets();
  }

  @Override
  public List<ConceptMapIndex> conceptMaps() {
    return resources.conceptMaps();
  }
}
