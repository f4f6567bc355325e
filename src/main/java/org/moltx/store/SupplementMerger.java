package org.moltx.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * Folds supplements into a copy of the code system they supplement: their property declarations, and per concept
 * their designations, properties and extensions. A supplement cannot add concepts; its unknown codes are ignored.
 */
final class SupplementMerger {
  /** Marks a designation a supplement added with that supplement's url|version (read back by the indexer). */
  static final String SOURCE = "http://moltx.org/fhir/StructureDefinition/designation-source";

  private SupplementMerger() {}

  static CodeSystem merge(CodeSystem base, List<CodeSystem> supplements) {
    CodeSystem merged = base.copy();
    Map<String, ConceptDefinitionComponent> byCode = new HashMap<>();
    index(merged.getConcept(), byCode);
    for (CodeSystem supplement : supplements) {
      for (CodeSystem.PropertyComponent p : supplement.getProperty()) {
        if (merged.getProperty().stream().noneMatch(q -> q.getCode().equals(p.getCode()))) {
          merged.addProperty(p.copy());
        }
      }
      String source = supplement.getUrl() + (supplement.hasVersion() ? "|" + supplement.getVersion() : "");
      fold(supplement.getConcept(), byCode, source);
    }
    return merged;
  }

  private static void index(List<ConceptDefinitionComponent> concepts, Map<String, ConceptDefinitionComponent> byCode) {
    for (ConceptDefinitionComponent c : concepts) {
      byCode.putIfAbsent(c.getCode(), c);
      index(c.getConcept(), byCode);
    }
  }

  private static void fold(List<ConceptDefinitionComponent> from, Map<String, ConceptDefinitionComponent> byCode,
      String source) {
    for (ConceptDefinitionComponent s : from) {
      ConceptDefinitionComponent target = byCode.get(s.getCode());
      if (target != null) {
        for (CodeSystem.ConceptDefinitionDesignationComponent d : s.getDesignation()) {
          CodeSystem.ConceptDefinitionDesignationComponent copy = d.copy();
          copy.addExtension(SOURCE, new org.hl7.fhir.r4.model.CanonicalType(source));
          target.addDesignation(copy);
        }
        s.getProperty().forEach(p -> target.addProperty(p.copy()));
        s.getExtension().forEach(e -> target.addExtension(e.copy()));
      }
      fold(s.getConcept(), byCode, source);
    }
  }
}
