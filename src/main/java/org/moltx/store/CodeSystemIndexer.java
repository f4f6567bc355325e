package org.moltx.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Type;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.model.ConceptProperty;
import org.moltx.model.Designation;
import org.moltx.model.ExtensionValue;
import org.moltx.model.PropertyDef;
import org.moltx.model.PropertyType;

/** Turns a FHIR CodeSystem resource (authored content or a request's tx-resource) into a compact release. */
public final class CodeSystemIndexer {
  private static final String STANDARD_PROPERTIES = "http://hl7.org/fhir/concept-properties#";
  /** Standard properties that a code system may declare under a code of its own choosing. */
  private static final java.util.Set<String> RENAMEABLE = java.util.Set.of("notSelectable", "status", "inactive");
  private static final String STANDARDS_STATUS =
      "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status";

  private CodeSystemIndexer() {}

  public static CodeSystemRelease toRelease(CodeSystem cs) {
    List<PropertyDef> defs = new ArrayList<>();
    for (CodeSystem.PropertyComponent p : cs.getProperty()) {
      defs.add(new PropertyDef(p.getCode(), p.getUri(), p.getDescription(),
          p.hasType() ? PropertyType.fromFhir(p.getType().toCode()) : PropertyType.STRING));
    }
    // a property means notSelectable, status... by its code or by the standard URI it declares
    java.util.Map<String, String> meanings = new java.util.HashMap<>();
    for (CodeSystem.PropertyComponent p : cs.getProperty()) {
      String meaning = p.hasUri() && p.getUri().startsWith(STANDARD_PROPERTIES)
          ? p.getUri().substring(STANDARD_PROPERTIES.length()) : null;
      if (p.hasCode() && meaning != null && RENAMEABLE.contains(meaning)) {
        meanings.put(p.getCode(), meaning);
      }
    }
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    for (ConceptDefinitionComponent c : cs.getConcept()) {
      add(b, c, null, meanings);
    }
    CodeSystemInfo info = new CodeSystemInfo(cs.getIdElement().getIdPart(), cs.getUrl(), cs.getVersion(), cs.getName(),
        cs.getTitle(), cs.hasStatus() ? cs.getStatus().toCode() : null, cs.hasContent() ? cs.getContent().toCode() : null,
        cs.getPublisher(), cs.getDescription(), cs.getCopyright(), cs.getCaseSensitive(),
        cs.hasHierarchyMeaning() ? cs.getHierarchyMeaning().toCode() : null, cs.getLanguage(), null, null);
    return b.build(info, defs);
  }

  private static void add(CodeSystemRelease.Builder b, ConceptDefinitionComponent c, String parent,
      java.util.Map<String, String> meanings) {
    if (c.getCode() == null || c.getCode().isBlank()) {
      throw new IllegalArgumentException("a concept has no code" + (c.hasDisplay() ? " (display '" + c.getDisplay()
          + "')" : "") + (parent != null ? " (below " + parent + ")" : ""));
    }
    boolean notSelectable = false;
    boolean inactive = false;
    String explicitParent = null;
    List<ConceptProperty> props = new ArrayList<>();
    for (ConceptPropertyComponent p : c.getProperty()) {
      Object value = value(p.getValue());
      props.add(new ConceptProperty(p.getCode(), value));
      String code = p.getCode() == null ? "" : p.getCode();
      switch (meanings.getOrDefault(code, code)) {
        case "notSelectable" -> notSelectable = Boolean.TRUE.equals(value);
        case "inactive" -> inactive = Boolean.TRUE.equals(value);
        case "status" -> inactive = "retired".equals(value) || "inactive".equals(value);
        case "parent" -> explicitParent = value instanceof String s ? s : null;
        default -> { }
      }
    }
    org.hl7.fhir.r4.model.Extension standards = c.getExtensionByUrl(STANDARDS_STATUS);
    if (standards != null && standards.getValue() != null && props.stream().noneMatch(p -> p.code().equals("status"))) {
      // a concept's standards status (deprecated, withdrawn) is its status property by another name
      String status = standards.getValue().primitiveValue();
      props.add(new ConceptProperty("status", status));
      inactive = inactive || "withdrawn".equals(status);
    }
    List<Designation> designations = new ArrayList<>();
    for (ConceptDefinitionDesignationComponent d : c.getDesignation()) {
      org.hl7.fhir.r4.model.Extension source = d.getExtensionByUrl(SupplementMerger.SOURCE);
      List<ExtensionValue> extensions = d.getExtension().stream()
          .filter(e -> e != source && e.getValue() != null && e.getValue().isPrimitive())
          .map(e -> new ExtensionValue(e.getUrl(), e.getValue().fhirType(), e.getValue().primitiveValue())).toList();
      designations.add(new Designation(d.getLanguage(), d.hasUse() ? coding(d.getUse()) : null, d.getValue(),
          source == null ? null : source.getValue().primitiveValue(), extensions));
    }
    b.add(c.getCode(), c.getDisplay(), c.getDefinition(), parent != null ? parent : explicitParent, notSelectable, inactive,
        designations.toArray(new Designation[0]), props.toArray(new ConceptProperty[0]));
    b.extensionProperties(extensionProperties(c));
    for (ConceptDefinitionComponent child : c.getConcept()) {
      add(b, child, c.getCode(), meanings);
    }
  }

  /** The concept extensions the ecosystem reports as expansion properties or echoes, by property code. */
  private static final java.util.Map<String, String> EXTENSION_PROPERTIES = java.util.Map.of(
      "http://hl7.org/fhir/StructureDefinition/codesystem-conceptOrder", "order",
      "http://hl7.org/fhir/StructureDefinition/codesystem-label", "label",
      "http://hl7.org/fhir/StructureDefinition/itemWeight", "weight",
      STANDARDS_STATUS, "status",
      "http://hl7.org/fhir/StructureDefinition/rendering-style", "rendering-style",
      "http://hl7.org/fhir/StructureDefinition/rendering-xhtml", "rendering-xhtml");

  private static ConceptProperty[] extensionProperties(ConceptDefinitionComponent c) {
    List<ConceptProperty> out = new ArrayList<>();
    for (org.hl7.fhir.r4.model.Extension e : c.getExtension()) {
      String code = EXTENSION_PROPERTIES.get(e.getUrl());
      if (code != null && e.getValue() != null) {
        Object v = value(e.getValue());
        out.add(new ConceptProperty(code, v instanceof Integer n ? BigDecimal.valueOf(n) : v));
      }
    }
    return out.toArray(new ConceptProperty[0]);
  }

  private static Object value(Type v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Coding c) {
      return coding(c);
    }
    if (v instanceof BooleanType bt) {
      return bt.getValue();
    }
    if (v instanceof org.hl7.fhir.r4.model.IntegerType it) {
      return it.getValue();
    }
    if (v instanceof org.hl7.fhir.r4.model.DecimalType dt) {
      return dt.getValue() == null ? BigDecimal.ZERO : dt.getValue();
    }
    return v.primitiveValue();
  }

  static CodingValue coding(Coding c) {
    return new CodingValue(c.getSystem(), c.getCode(), c.getDisplay());
  }
}
