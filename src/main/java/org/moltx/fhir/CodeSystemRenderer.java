package org.moltx.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.ConceptProperty;
import org.moltx.model.Designation;
import org.moltx.model.PropertyDef;
import org.moltx.store.StoredCodeSystem;

/** Builds the CodeSystem resource of a stored release, with its concepts nested by hierarchy or without them. */
public final class CodeSystemRenderer {
  /** Larger code systems come without concepts from a search (a read returns them whole). */
  public static final int SEARCH_CONCEPT_LIMIT = 10_000;

  private CodeSystemRenderer() {}

  public static CodeSystem render(StoredCodeSystem stored, boolean withConcepts) {
    if (stored.resource() != null) {
      CodeSystem copy = stored.resource().copy();
      if (!withConcepts) {
        copy.setConcept(null);
        subsetted(copy);
      }
      return copy;
    }
    CodeSystemRelease r = stored.release();
    CodeSystemInfo info = r.info();
    CodeSystem cs = new CodeSystem();
    cs.setId(info.id());
    cs.setUrl(info.url()).setVersion(info.version()).setName(info.name()).setTitle(info.title())
        .setPublisher(info.publisher()).setDescription(info.description()).setCopyright(info.copyright());
    cs.setStatus(info.status() == null ? PublicationStatus.ACTIVE : PublicationStatus.fromCode(info.status()));
    cs.setContent(CodeSystem.CodeSystemContentMode.fromCode(info.content() == null ? "complete" : info.content()));
    cs.setCaseSensitive(info.caseSensitive());
    if (info.hierarchyMeaning() != null) {
      cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.fromCode(info.hierarchyMeaning()));
    }
    cs.setCount(r.size());
    for (PropertyDef p : r.properties()) {
      cs.addProperty().setCode(p.code()).setUri(p.uri()).setDescription(p.description())
          .setType(CodeSystem.PropertyType.fromCode(p.type().fhirCode()));
    }
    if (withConcepts) {
      for (int root : r.roots()) {
        cs.addConcept(concept(r, root));
      }
    } else {
      subsetted(cs);
    }
    return cs;
  }

  /**
   * Marks a CodeSystem rendered without its concepts: SUBSETTED, and content not-present (this instance holds none of
   * the concepts; count still says how many the code system has), so that a client such as HAPI's in-memory
   * terminology support does not take the empty concept list for the code system and asks $validate-code instead.
   */
  private static void subsetted(CodeSystem cs) {
    cs.setContent(CodeSystem.CodeSystemContentMode.NOTPRESENT);
    cs.getMeta().addTag("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "SUBSETTED",
        "Resource encoded in summary mode");
  }

  private static ConceptDefinitionComponent concept(CodeSystemRelease r, int i) {
    ConceptDefinitionComponent c = new ConceptDefinitionComponent().setCode(r.code(i)).setDisplay(r.display(i));
    if (r.definition(i) != null) {
      c.setDefinition(r.definition(i));
    }
    for (Designation d : r.designations(i)) {
      var dc = c.addDesignation().setLanguage(d.language()).setValue(d.value());
      if (d.use() != null) {
        dc.setUse(PropertyValues.coding(d.use()));
      }
    }
    List<ConceptProperty> props = new ArrayList<>(List.of(r.conceptProperties(i)));
    if (r.isAbstract(i) && props.stream().noneMatch(p -> p.code().equals("notSelectable"))) {
      c.addProperty().setCode("notSelectable").setValue(new BooleanType(true));
    }
    for (ConceptProperty p : props) {
      c.addProperty().setCode(p.code()).setValue(PropertyValues.toFhir(r, p));
    }
    for (int child : r.children(i)) {
      c.addConcept(concept(r, child));
    }
    return c;
  }
}
