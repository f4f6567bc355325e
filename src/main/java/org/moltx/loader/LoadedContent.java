package org.moltx.loader;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.CodeSystemRelease;

/**
 * Everything a content folder holds: official releases in compact form, the authored FHIR resources, and
 * display overrides from licensee files (system|version -> code -> display).
 */
public record LoadedContent(
    List<CodeSystemRelease> releases,
    List<CodeSystem> codeSystems,
    List<ValueSet> valueSets,
    List<ConceptMap> conceptMaps,
    Map<String, Map<String, String>> displayOverrides) {}
