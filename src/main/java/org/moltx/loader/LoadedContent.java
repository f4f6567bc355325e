package org.moltx.loader;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.CodeSystemRelease;

/**
 * Everything a content folder holds: official releases in compact form, the authored FHIR resources, display
 * overrides from licensee files (system|version -> code -> display), and FHIR NPM packages (the folder's and the
 * user's, in the order given).
 */
public record LoadedContent(
    List<CodeSystemRelease> releases,
    List<CodeSystem> codeSystems,
    List<ValueSet> valueSets,
    List<ConceptMap> conceptMaps,
    Map<String, Map<String, String>> displayOverrides,
    List<FhirPackage> packages) {

  public LoadedContent(List<CodeSystemRelease> releases, List<CodeSystem> codeSystems, List<ValueSet> valueSets,
      List<ConceptMap> conceptMaps, Map<String, Map<String, String>> displayOverrides) {
    this(releases, codeSystems, valueSets, conceptMaps, displayOverrides, List.of());
  }
}
