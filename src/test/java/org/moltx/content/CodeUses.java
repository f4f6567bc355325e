package org.moltx.content;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Walks the codes an authored resource names: CodeSystem concepts and the Coding values of their properties,
 * ValueSet compose concepts, ConceptMap sources and targets. The one walker every content check uses.
 */
final class CodeUses {
  private final String file;
  private final List<CodeUse> uses = new ArrayList<>();

  private CodeUses(String file) {
    this.file = file;
  }

  static List<CodeUse> in(String file, Resource resource) {
    CodeUses walker = new CodeUses(file);
    if (resource instanceof CodeSystem cs) {
      walker.concepts(cs.getUrl(), cs.getConcept());
    } else if (resource instanceof ValueSet vs) {
      walker.compose("include", vs.getCompose().getInclude());
      walker.compose("exclude", vs.getCompose().getExclude());
    } else if (resource instanceof ConceptMap cm) {
      walker.groups(cm.getGroup());
    }
    return walker.uses;
  }

  private void add(String where, String system, String code, String display) {
    uses.add(new CodeUse(file, where, system, code, display));
  }

  private void concepts(String system, List<CodeSystem.ConceptDefinitionComponent> concepts) {
    for (CodeSystem.ConceptDefinitionComponent c : concepts) {
      add("concept " + c.getCode(), system, c.getCode(), c.getDisplay());
      for (CodeSystem.ConceptPropertyComponent p : c.getProperty()) {
        if (p.getValue() instanceof Coding v) {
          add("concept " + c.getCode() + " property " + p.getCode(), v.getSystem(), v.getCode(), v.getDisplay());
        }
      }
      concepts(system, c.getConcept());
    }
  }

  private void compose(String kind, List<ValueSet.ConceptSetComponent> sets) {
    for (ValueSet.ConceptSetComponent set : sets) {
      for (ValueSet.ConceptReferenceComponent c : set.getConcept()) {
        add("compose." + kind + " concept", set.getSystem(), c.getCode(), c.getDisplay());
      }
    }
  }

  private void groups(List<ConceptMap.ConceptMapGroupComponent> groups) {
    for (ConceptMap.ConceptMapGroupComponent g : groups) {
      for (ConceptMap.SourceElementComponent e : g.getElement()) {
        add("group element", g.getSource(), e.getCode(), e.getDisplay());
        for (ConceptMap.TargetElementComponent t : e.getTarget()) {
          add("group element " + e.getCode() + " target", g.getTarget(), t.getCode(), t.getDisplay());
        }
      }
    }
  }
}
