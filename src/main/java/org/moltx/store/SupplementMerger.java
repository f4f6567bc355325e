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
      fold(supplement.getConcept(), byCode);
    }
    return merged;
  }

  private static void index(List<ConceptDefinitionComponent> concepts, Map<String, ConceptDefinitionComponent> byCode) {
    for (ConceptDefinitionComponent c : concepts) {
      byCode.putIfAbsent(c.getCode(), c);
      index(c.getConcept(), byCode);
    }
  }

  private static void fold(List<ConceptDefinitionComponent> from, Map<String, ConceptDefinitionComponent> byCode) {
    for (ConceptDefinitionComponent s : from) {
      ConceptDefinitionComponent target = byCode.get(s.getCode());
      if (target != null) {
        s.getDesignation().forEach(d -> target.addDesignation(d.copy()));
        s.getProperty().forEach(p -> target.addProperty(p.copy()));
        s.getExtension().forEach(e -> target.addExtension(e.copy()));
      }
      fold(s.getConcept(), byCode);
    }
  }
}
