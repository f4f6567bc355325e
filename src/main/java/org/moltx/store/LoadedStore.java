package org.moltx.store;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/** The loaded content: indexed once by {@link TerminologyStore.Builder}, never changed after, read by every request. */
final class LoadedStore extends TerminologyStore {
  private final ResourceIndex resources;
  private final FallbackSource fallback;
  /** url|version to the codes whose displays a licensee's file gave. */
  private final java.util.Map<String, java.util.Set<String>> licensedDisplays;

  private final SystemAliases aliases;

  LoadedStore(ResourceIndex resources, FallbackSource fallback,
      java.util.Map<String, java.util.Set<String>> licensedDisplays, SystemAliases aliases) {
    this.resources = resources;
    this.aliases = aliases;
    this.fallback = fallback;
    this.licensedDisplays = licensedDisplays;
  }

  @Override
  public boolean hasLicensedDisplay(String url, String version, String code) {
    java.util.Set<String> codes = licensedDisplays.get(url + "|" + version);
    return codes != null && codes.contains(code);
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
  public SystemAliases aliases() {
    return aliases;
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
