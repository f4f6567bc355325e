package org.moltx.fhir;

import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.moltx.engine.ExpandResult;
import org.moltx.engine.ExpansionItem;
import org.moltx.engine.Languages;
import org.moltx.model.Canonical;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.ConceptProperty;
import org.moltx.model.Designation;
import org.moltx.model.PropertyDef;
import org.hl7.fhir.r4.model.Extension;
import java.util.HashMap;
import java.util.Map;

/** Renders an expansion as the ValueSet that $expand returns. */
final class ExpansionRenderer {
  /** How the request asked: which designations and properties to include, and the parameters to echo. */
  record Options(boolean includeDesignations, List<String> designations, List<String> properties, boolean excludeNested,
      String displayLanguage, List<EchoedParameter> echo, boolean statusOfInactiveOnly) {
    /** The designation parameter: "urn:ietf:bcp:47|[language]" or "[use system]|[use code]"; empty = all. */
    boolean wanted(Designation d) {
      if (designations.isEmpty()) {
        return true;
      }
      for (String w : designations) {
        int bar = w.lastIndexOf('|');
        String system = bar < 0 ? "" : w.substring(0, bar);
        String code = w.substring(bar + 1);
        if (system.equals("urn:ietf:bcp:47") ? code.equalsIgnoreCase(d.language() == null ? "" : d.language())
            : d.use() != null && code.equals(d.use().code()) && (system.isEmpty() || system.equals(d.use().system()))) {
          return true;
        }
      }
      return false;
    }
  }

  /** R5 expansion properties in R4, as the cross-version extensions the FHIR tooling converts. */
  static final String PROPERTY_EXTENSION = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.property";
  static final String CONTAINS_PROPERTY_EXTENSION =
      "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.contains.property";
  private static final String UNCLOSED = "http://hl7.org/fhir/StructureDefinition/valueset-unclosed";
  private static final String STANDARD_PROPERTIES = "http://hl7.org/fhir/concept-properties#";

  record EchoedParameter(String name, Type value) {}

  private ExpansionRenderer() {}

  static ValueSet render(ExpandResult result, Options options) {
    ValueSet source = result.valueSet();
    ValueSet vs = header(source);
    ValueSet.ValueSetExpansionComponent exp = vs.getExpansion();
    exp.setIdentifier("urn:uuid:" + UUID.randomUUID()).setTimestamp(new Date()).setTotal(result.total());
    if (result.offset() > 0 || options.echo().stream().anyMatch(e -> e.name().equals("offset"))) {
      exp.setOffset(result.offset());
    }
    if (result.incomplete()) {
      // R4's mark for an expansion that is not the whole value set
      exp.addExtension(UNCLOSED, new BooleanType(true));
    }
    addParameters(exp, result, options);
    List<String> properties = new java.util.ArrayList<>(declaredProperties(result, options.properties()));
    boolean statusOfInactive = !properties.contains("status")
        && result.contains().stream().anyMatch(ExpansionRenderer::hasStatus);
    if (statusOfInactive) {
      properties.add("status"); // why an inactive concept is inactive (retired, deprecated...) is always said
    }
    for (String p : properties) {
      Extension declaration = exp.addExtension().setUrl(PROPERTY_EXTENSION);
      declaration.addExtension("code", new CodeType(p));
      declaration.addExtension("uri", new UriType(propertyUri(result, p)));
    }
    // nested under the parent when the parent is in the same page, as the code system's hierarchy says
    Map<String, ValueSetExpansionContainsComponent> byKey = new HashMap<>();
    // enumerated concept lists and imported value sets stay flat: only what the code system's hierarchy brought in
    // directly is nested
    boolean nest = !options.excludeNested() && source.getCompose().getInclude().stream()
        .noneMatch(inc -> inc.hasConcept() || inc.hasValueSet());
    // name the version on each concept when the expansion draws on several versions of a code system, or the value
    // set asks for several (a force-system-version may have made them one)
    java.util.Set<String> versioned = severalVersions(source, result);
    List<String> requested = new java.util.ArrayList<>(options.properties());
    if (statusOfInactive) {
      requested.add("status");
    }
    Options withStatus = new Options(options.includeDesignations(), options.designations(), requested,
        options.excludeNested(), options.displayLanguage(), options.echo(), statusOfInactive);
    for (ExpansionItem item : result.contains()) {
      ValueSetExpansionContainsComponent c = contains(item, withStatus);
      if (versioned.contains(item.system()) && item.release().version() != null) {
        c.setVersion(item.release().version());
      }
      CodeSystemRelease r = item.release();
      int parent = r.parent(item.index());
      ValueSetExpansionContainsComponent parentEntry = !nest || parent < 0 ? null
          : byKey.get(r.url() + "|" + r.code(parent));
      if (parentEntry != null) {
        parentEntry.addContains(c);
      } else {
        exp.addContains(c);
      }
      byKey.put(r.url() + "|" + item.code(), c);
    }
    return vs;
  }

  /** The value set's metadata, as the expansion's resource carries it. */
  private static ValueSet header(ValueSet source) {
    ValueSet vs = new ValueSet();
    vs.setId(source.getIdElement().getIdPart());
    vs.setUrl(source.getUrl()).setVersion(source.getVersion()).setName(source.getName()).setTitle(source.getTitle());
    vs.setStatus(source.getStatus());
    if (source.hasLanguage()) {
      vs.setLanguage(source.getLanguage());
    }
    if (source.hasExperimental()) {
      vs.setExperimental(source.getExperimental());
    }
    vs.setDateElement(source.getDateElement()).setPublisher(source.getPublisher());
    // a value set that lists its concepts keeps its extensions (supplements named...) on the expansion, as the
    // ecosystem's reference expansions do; one that includes whole code systems does not
    if (source.getCompose().getInclude().stream().anyMatch(ValueSet.ConceptSetComponent::hasConcept)) {
      source.getExtension().forEach(e -> vs.addExtension(e.copy()));
    }
    return vs;
  }

  /**
   * expansion.parameter: the request's parameters echoed, the version rules applied, and what was used (code systems,
   * value sets, fragments, versionsMatch), and warnings for flagged resources.
   */
  private static void addParameters(ValueSet.ValueSetExpansionComponent exp, ExpandResult result, Options options) {
    for (EchoedParameter e : options.echo()) {
      exp.addParameter().setName(e.name()).setValue(e.value());
    }
    for (String rule : result.appliedVersionRules()) {
      int eq = rule.indexOf('=');
      exp.addParameter().setName(rule.substring(0, eq)).setValue(new UriType(rule.substring(eq + 1)));
    }
    for (String cs : result.usedCodeSystems()) {
      exp.addParameter().setName("used-codesystem").setValue(new UriType(cs));
    }
    if (result.versionsMatched()) {
      exp.addParameter().setName("versionsMatch").setValue(new BooleanType(true));
    }
    for (String v : result.usedValueSets()) {
      exp.addParameter().setName("used-valueset").setValue(new UriType(v));
    }
    markFragments(result, exp);
    for (org.moltx.engine.StatusFlag f : result.flagged()) {
      exp.addParameter().setName("warning-" + f.flag()).setValue(new UriType(f.resource().toString()));
    }
  }

  private static boolean hasStatus(ExpansionItem item) {
    return item.release().isInactive(item.index())
        && java.util.Arrays.stream(item.release().conceptProperties(item.index())).anyMatch(p -> p.code().equals("status"));
  }

  /** An expansion over a fragment of a code system is not closed: say so, and which fragments were used. */
  private static void markFragments(ExpandResult result, ValueSet.ValueSetExpansionComponent exp) {
    java.util.Set<CodeSystemRelease> seen = new java.util.LinkedHashSet<>();
    result.contains().forEach(i -> seen.add(i.release()));
    for (CodeSystemRelease r : seen) {
      if ("fragment".equals(r.info().content())) {
        String key = r.url() + (r.version() != null ? "|" + r.version() : "");
        exp.addParameter().setName("used-fragment").setValue(new UriType(key));
        if (!exp.hasExtension(UNCLOSED)) {
          exp.addExtension(UNCLOSED, new BooleanType(true));
          exp.addExtension(UNCLOSED + "-reason", new StringType("This extension is based on a fragment of the code "
              + "system " + r.url()));
        }
      }
    }
  }

  private static ValueSetExpansionContainsComponent contains(ExpansionItem item, Options options) {
    CodeSystemRelease r = item.release();
    int i = item.index();
    ValueSetExpansionContainsComponent c = new ValueSetExpansionContainsComponent();
    c.setSystem(r.url());
    if (r.isAbstract(i)) {
      c.setAbstract(true);
    }
    if (r.isInactive(i)) {
      c.setInactive(true);
    }
    c.setCode(r.code(i));
    String display = item.display() != null && item.display().equals(r.display(i))
        ? Languages.display(r, i, options.displayLanguage()) : item.display();
    if (display != null) {
      c.setDisplay(display);
    }
    if (options.includeDesignations()) {
      List<Designation> designations = new java.util.ArrayList<>(List.of(r.designations(i)));
      if (r.display(i) != null && !r.display(i).equals(display)) {
        // the display is now a designation in the asked language: the code system's own display becomes one
        designations.removeIf(d -> d.value().equals(display));
        designations.add(0, new Designation(r.info().language(), Languages.PREFERRED_FOR_LANGUAGE, r.display(i)));
      }
      designations.removeIf(d -> !options.wanted(d));
      for (Designation d : designations) {
        var dc = c.addDesignation().setValue(d.value());
        if (d.extensions() != null) {
          d.extensions().forEach(x -> dc.addExtension(x.url(), primitive(x.type(), x.value())));
        }
        if (d.language() != null) {
          dc.setLanguage(d.language());
        }
        if (d.use() != null) {
          dc.setUse(ParametersRenderer.coding(d.use()));
        }
      }
      if (item.listed() != null) {
        // the value set's own designations follow the code system's
        item.listed().getDesignation().forEach(d -> c.addDesignation(d.copy()));
      }
    }
    // requested properties and what the concept's extensions say, by code, as the ecosystem lists them
    java.util.TreeMap<String, List<Type>> values = new java.util.TreeMap<>();
    for (String code : options.properties()) {
      if (code.equals("status") && options.statusOfInactiveOnly() && !r.isInactive(i)) {
        continue;
      }
      values.computeIfAbsent(code, k -> new java.util.ArrayList<>()).addAll(propertyValues(r, i, code));
    }
    extensionValues(item).forEach((code, value) -> {
      if (EXTENSION_PROPERTY_URIS.containsKey(code)) {
        if (!options.properties().contains(code)) {
          values.computeIfAbsent(code, k -> new java.util.ArrayList<>()).add(value);
        }
      } else {
        c.addExtension(STRUCTURE_DEFINITIONS + code, value);
      }
    });
    if (item.listed() != null) {
      // what the value set itself says of the concept travels with it
      for (String url : List.of(VALUESET_DEPRECATED, org.moltx.engine.StatusFlags.STANDARDS_STATUS,
          VALUESET_CONCEPT_DEFINITION)) {
        item.listed().getExtensionsByUrl(url).forEach(e -> c.addExtension(e.copy()));
      }
    }
    values.forEach((code, list) -> list.forEach(value -> {
      Extension e = c.addExtension().setUrl(CONTAINS_PROPERTY_EXTENSION);
      e.addExtension("code", new CodeType(code));
      e.addExtension("value", value);
    }));
    return c;
  }

  /** The properties a concept's extensions give, in the order the ecosystem declares them, with their uris. */
  private static final Map<String, String> EXTENSION_PROPERTY_URIS = new java.util.LinkedHashMap<>();
  static {
    EXTENSION_PROPERTY_URIS.put("weight", STANDARD_PROPERTIES + "itemWeight");
    EXTENSION_PROPERTY_URIS.put("label", STANDARD_PROPERTIES + "label");
    EXTENSION_PROPERTY_URIS.put("order", STANDARD_PROPERTIES + "order");
    EXTENSION_PROPERTY_URIS.put("status", STANDARD_PROPERTIES + "status");
  }
  private static final String STRUCTURE_DEFINITIONS = "http://hl7.org/fhir/StructureDefinition/";

  private static final String VALUESET_DEPRECATED = STRUCTURE_DEFINITIONS + "valueset-deprecated";
  private static final String VALUESET_CONCEPT_DEFINITION = STRUCTURE_DEFINITIONS + "valueset-concept-definition";
  /** The value set's concept extensions that override what the code system's extensions say. */
  private static final Map<String, String> VALUESET_OVERRIDES = Map.of(
      STRUCTURE_DEFINITIONS + "valueset-conceptOrder", "order", STRUCTURE_DEFINITIONS + "valueset-label", "label",
      STRUCTURE_DEFINITIONS + "itemWeight", "weight", STRUCTURE_DEFINITIONS + "rendering-style", "rendering-style",
      STRUCTURE_DEFINITIONS + "rendering-xhtml", "rendering-xhtml");

  /**
   * What the concept's extensions say (weight, label, order, status, rendering-style/-xhtml), by code: the code
   * system's (supplements included), overridden by the value set's entry for the concept.
   */
  private static Map<String, Type> extensionValues(ExpansionItem item) {
    ConceptProperty[] own = item.release().extensionProperties(item.index());
    if (own.length == 0 && (item.listed() == null || !item.listed().hasExtension())) {
      return Map.of(); // the common case: nothing to say
    }
    Map<String, Type> out = new java.util.LinkedHashMap<>();
    for (ConceptProperty p : own) {
      out.put(p.code(), extensionValue(p));
    }
    if (item.listed() != null) {
      for (Extension e : item.listed().getExtension()) {
        String code = VALUESET_OVERRIDES.get(e.getUrl());
        if (code != null && e.getValue() != null) {
          out.put(code, code.equals("order") || code.equals("weight")
              ? new org.hl7.fhir.r4.model.DecimalType(e.getValue().primitiveValue()) : e.getValue().copy());
        }
      }
    }
    return out;
  }

  /** definition when asked, then the extension properties the concepts have, then the other requested ones. */
  private static List<String> declaredProperties(ExpandResult result, List<String> requested) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    if (requested.contains("definition")) {
      out.add("definition");
    }
    java.util.Set<String> present = new java.util.HashSet<>();
    for (ExpansionItem item : result.contains()) {
      present.addAll(extensionValues(item).keySet());
    }
    for (String code : EXTENSION_PROPERTY_URIS.keySet()) {
      if (present.contains(code)) {
        out.add(code);
      }
    }
    out.addAll(requested);
    return List.copyOf(out);
  }

  private static Type extensionValue(ConceptProperty p) {
    return switch (p.code()) {
      case "order", "weight" -> p.value() instanceof java.math.BigDecimal d ? new org.hl7.fhir.r4.model.DecimalType(d)
          : new StringType(String.valueOf(p.value()));
      case "status" -> new CodeType(String.valueOf(p.value()));
      default -> new StringType(String.valueOf(p.value()));
    };
  }

  private static Type primitive(String type, String value) {
    return switch (type) {
      case "code" -> new CodeType(value);
      case "id" -> new org.hl7.fhir.r4.model.IdType(value);
      case "boolean" -> new BooleanType(value);
      case "integer" -> new IntegerType(value);
      case "uri" -> new UriType(value);
      case "canonical" -> new org.hl7.fhir.r4.model.CanonicalType(value);
      default -> new StringType(value);
    };
  }

  private static List<Type> propertyValues(CodeSystemRelease r, int i, String code) {
    List<Type> values = new java.util.ArrayList<>();
    if (code.equals("definition") && r.definition(i) != null) {
      values.add(new StringType(r.definition(i)));
    }
    for (ConceptProperty p : r.conceptProperties(i)) {
      if (p.code().equals(code) && p.value() != null) {
        values.add(PropertyValues.toFhir(r, p));
      }
    }
    return values;
  }

  private static String propertyUri(ExpandResult result, String code) {
    if (EXTENSION_PROPERTY_URIS.containsKey(code)) {
      return EXTENSION_PROPERTY_URIS.get(code);
    }
    for (ExpansionItem item : result.contains()) {
      PropertyDef def = item.release().propertyDef(code);
      if (def != null && def.uri() != null) {
        return def.uri();
      }
    }
    return STANDARD_PROPERTIES + code;
  }

  static EchoedParameter echo(String name, String value) {
    return new EchoedParameter(name, new StringType(value));
  }

  static EchoedParameter echo(String name, boolean value) {
    return new EchoedParameter(name, new BooleanType(value));
  }

  static EchoedParameter echo(String name, int value) {
    return new EchoedParameter(name, new IntegerType(value));
  }

  /** The systems of which the expansion used, or the value set's includes state, more than one version. */
  private static java.util.Set<String> severalVersions(ValueSet vs, ExpandResult result) {
    Map<String, java.util.Set<String>> versions = new HashMap<>();
    result.usedCodeSystems().forEach(cs -> versions.computeIfAbsent(Canonical.urlOf(cs), k -> new java.util.HashSet<>())
        .add(cs));
    java.util.Set<String> out = new java.util.HashSet<>();
    versions.forEach((system, used) -> {
      if (used.size() > 1) {
        out.add(system);
      }
    });
    Map<String, java.util.Set<String>> stated = new HashMap<>();
    vs.getCompose().getInclude().stream().filter(inc -> inc.hasSystem() && inc.hasVersion())
        .forEach(inc -> stated.computeIfAbsent(inc.getSystem(), k -> new java.util.HashSet<>()).add(inc.getVersion()));
    stated.forEach((system, v) -> {
      if (v.size() > 1) {
        out.add(system);
      }
    });
    return out;
  }
}
