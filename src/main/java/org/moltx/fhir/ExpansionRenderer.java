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
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
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
  private static final org.moltx.model.CodingValue PREFERRED_FOR_LANGUAGE = new org.moltx.model.CodingValue(
      "http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra", "preferredForLanguage", "Preferred For Language");
  private static final String UNCLOSED = "http://hl7.org/fhir/StructureDefinition/valueset-unclosed";
  private static final String STANDARD_PROPERTIES = "http://hl7.org/fhir/concept-properties#";

  record EchoedParameter(String name, Type value) {}

  private ExpansionRenderer() {}

  static ValueSet render(ExpandResult result, Options options) {
    ValueSet source = result.valueSet();
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
    ValueSet.ValueSetExpansionComponent exp = vs.getExpansion();
    exp.setIdentifier("urn:uuid:" + UUID.randomUUID()).setTimestamp(new Date()).setTotal(result.total());
    if (result.offset() > 0 || options.echo().stream().anyMatch(e -> e.name().equals("offset"))) {
      exp.setOffset(result.offset());
    }
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
    for (String f : result.flagged()) {
      String[] parts = f.split("\\|", 3);
      exp.addParameter().setName("warning-" + parts[0]).setValue(new UriType(parts[2]));
    }
    List<String> properties = new java.util.ArrayList<>(options.properties());
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
    // name the version on each concept when the expansion draws on several versions of a code system
    Map<String, Long> versionsPerSystem = result.usedCodeSystems().stream()
        .collect(java.util.stream.Collectors.groupingBy(cs -> cs.split("\\|")[0], java.util.stream.Collectors.counting()));
    Options withStatus = new Options(options.includeDesignations(), options.designations(), properties,
        options.excludeNested(), options.displayLanguage(), options.echo(), statusOfInactive);
    for (ExpansionItem item : result.contains()) {
      ValueSetExpansionContainsComponent c = contains(item, withStatus);
      if (versionsPerSystem.getOrDefault(item.system(), 0L) > 1 && item.release().version() != null) {
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
      if (display != null && !display.equals(r.display(i)) && r.display(i) != null) {
        // the display is now a designation in the asked language: the code system's own display becomes one
        designations.removeIf(d -> d.value().equals(display));
        designations.add(0, new Designation(r.info().language(), PREFERRED_FOR_LANGUAGE, r.display(i)));
      }
      designations.removeIf(d -> !options.wanted(d));
      for (Designation d : designations) {
        var dc = c.addDesignation().setValue(d.value());
        if (d.language() != null) {
          dc.setLanguage(d.language());
        }
        if (d.use() != null) {
          dc.setUse(ParametersRenderer.coding(d.use()));
        }
      }
    }
    for (String code : options.properties()) {
      if (code.equals("status") && options.statusOfInactiveOnly() && !r.isInactive(i)) {
        continue;
      }
      for (Type value : propertyValues(r, i, code)) {
        Extension e = c.addExtension().setUrl(CONTAINS_PROPERTY_EXTENSION);
        e.addExtension("code", new CodeType(code));
        e.addExtension("value", value);
      }
    }
    return c;
  }

  private static List<Type> propertyValues(CodeSystemRelease r, int i, String code) {
    List<Type> values = new java.util.ArrayList<>();
    if (code.equals("definition") && r.definition(i) != null) {
      values.add(new StringType(r.definition(i)));
    }
    for (ConceptProperty p : r.conceptProperties(i)) {
      if (p.code().equals(code) && p.value() != null) {
        Object v = p.value();
        values.add(v instanceof CodingValue cv ? ParametersRenderer.coding(cv) : v instanceof Boolean b ? new BooleanType(b)
            : v instanceof Integer n ? new IntegerType(n) : new CodeType(String.valueOf(v)));
      }
    }
    return values;
  }

  private static String propertyUri(ExpandResult result, String code) {
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
}
