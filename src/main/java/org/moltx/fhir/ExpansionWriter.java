package org.moltx.fhir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.ExpandResult;
import org.moltx.engine.ExpansionItem;
import org.moltx.engine.Languages;
import org.moltx.engine.RandomIds;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.model.ConceptProperty;
import org.moltx.model.Designation;
import org.moltx.model.PropertyDef;

/** Writes an expansion as the ValueSet that $expand returns, straight to JSON from the engine's result. */
final class ExpansionWriter {
  /**
   * How the request asked: which designations and properties to include, and the parameters to echo;
   * {@code includeDefinition}: the value set's definition (compose and descriptive metadata) comes with the expansion.
   */
  record Options(boolean includeDesignations, List<String> designations, List<String> properties, boolean excludeNested,
      String displayLanguage, List<EchoedParameter> echo, boolean statusOfInactiveOnly, boolean includeDefinition) {
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

  /** A request parameter echoed in expansion.parameter, with the FHIR type it was given as. */
  record EchoedParameter(String name, Type value) {}

  /** R5 expansion properties in R4, as the cross-version extensions the FHIR tooling converts. */
  static final String PROPERTY_EXTENSION = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.property";
  static final String CONTAINS_PROPERTY_EXTENSION =
      "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.contains.property";
  static final String UNCLOSED = "http://hl7.org/fhir/StructureDefinition/valueset-unclosed";
  private static final String STANDARD_PROPERTIES = "http://hl7.org/fhir/concept-properties#";
  private static final String STRUCTURE_DEFINITIONS = "http://hl7.org/fhir/StructureDefinition/";
  private static final String VALUESET_DEPRECATED = STRUCTURE_DEFINITIONS + "valueset-deprecated";
  private static final String VALUESET_CONCEPT_DEFINITION = STRUCTURE_DEFINITIONS + "valueset-concept-definition";

  /** The properties a concept's extensions give, in the order the ecosystem declares them, with their uris. */
  private static final Map<String, String> EXTENSION_PROPERTY_URIS = new LinkedHashMap<>();
  static {
    EXTENSION_PROPERTY_URIS.put("weight", STANDARD_PROPERTIES + "itemWeight");
    EXTENSION_PROPERTY_URIS.put("label", STANDARD_PROPERTIES + "label");
    EXTENSION_PROPERTY_URIS.put("order", STANDARD_PROPERTIES + "order");
    EXTENSION_PROPERTY_URIS.put("status", STANDARD_PROPERTIES + "status");
  }
  /** The value set's concept extensions that override what the code system's extensions say. */
  private static final Map<String, String> VALUESET_OVERRIDES = Map.of(
      STRUCTURE_DEFINITIONS + "valueset-conceptOrder", "order", STRUCTURE_DEFINITIONS + "valueset-label", "label",
      STRUCTURE_DEFINITIONS + "itemWeight", "weight", STRUCTURE_DEFINITIONS + "rendering-style", "rendering-style",
      STRUCTURE_DEFINITIONS + "rendering-xhtml", "rendering-xhtml");

  /** A value[x] to write: the writer of its field, e.g. valueCode or valueCoding. */
  private interface Value extends Consumer<FhirJson> {}

  /** One entry of expansion.contains and the entries nested under it. */
  private record Node(ExpansionItem item, List<Node> children) {}

  private ExpansionWriter() {}

  static void write(FhirJson out, ExpandResult result, Options options, String diagnostics) {
    ValueSet source = result.valueSet();
    out.startResource("ValueSet");
    out.string("id", source.getIdElement().getIdPart());
    out.string("language", source.hasLanguage() ? source.getLanguage() : null);
    boolean definition = options.includeDefinition();
    if (definition) {
      out.elementsOf(source, "text");
    }
    // a value set that lists its concepts keeps its extensions (supplements named...) on the expansion, as the
    // ecosystem's reference expansions do; one that includes whole code systems does not, unless asked for its
    // definition
    if (source.hasExtension() && (definition
        || source.getCompose().getInclude().stream().anyMatch(ValueSet.ConceptSetComponent::hasConcept))) {
      out.startArray("extension");
      source.getExtension().forEach(e -> extension(out, e));
      out.endArray();
    }
    out.string("url", source.getUrl()).string("version", source.getVersion()).string("name", source.getName())
        .string("title", source.getTitle());
    out.string("status", source.hasStatus() ? source.getStatus().toCode() : null);
    if (source.hasExperimental()) {
      out.bool("experimental", source.getExperimental());
    }
    out.string("date", source.hasDate() ? source.getDateElement().getValueAsString() : null)
        .string("publisher", source.getPublisher());
    if (definition) {
      // the definition, as the HL7 reference expander returns it
      out.elementsOf(source, "contact", "description", "purpose", "copyright", "compose");
    }
    out.startObject("expansion");
    List<String> properties = new ArrayList<>(declaredProperties(result, options.properties()));
    boolean statusOfInactive = !properties.contains("status")
        && result.contains().stream().anyMatch(ExpansionWriter::hasStatus);
    if (statusOfInactive) {
      properties.add("status"); // why an inactive concept is inactive (retired, deprecated...) is always said
    }
    List<Runnable> extensions = new ArrayList<>(unclosed(out, result));
    for (String p : properties) {
      extensions.add(() -> out.startObject().startArray("extension")
          .startObject().string("url", "code").string("valueCode", p).end()
          .startObject().string("url", "uri").string("valueUri", propertyUri(result, p)).end()
          .endArray().string("url", PROPERTY_EXTENSION).end());
    }
    if (!extensions.isEmpty()) {
      out.startArray("extension");
      extensions.forEach(Runnable::run);
      out.endArray();
    }
    out.string("identifier", "urn:uuid:" + RandomIds.uuid());
    out.string("timestamp", Dates.nowToTheSecond());
    out.integer("total", result.total());
    if (result.offset() > 0 || options.echo().stream().anyMatch(e -> e.name().equals("offset"))) {
      out.integer("offset", result.offset());
    }
    parameters(out, result, options, diagnostics);
    List<String> requested = new ArrayList<>(options.properties());
    if (statusOfInactive) {
      requested.add("status");
    }
    Options withStatus = new Options(options.includeDesignations(), options.designations(), requested,
        options.excludeNested(), options.displayLanguage(), options.echo(), statusOfInactive,
        options.includeDefinition());
    List<Node> roots = tree(result, options);
    if (!roots.isEmpty()) {
      Set<String> versioned = severalVersions(source, result);
      out.startArray("contains");
      roots.forEach(n -> contains(out, n, withStatus, versioned));
      out.endArray();
    }
    out.end().end();
  }

  /**
   * The page's entries, nested under their parent when the parent is in the same page, as the code system's hierarchy
   * says; enumerated concept lists and imported value sets stay flat: only what the hierarchy brought in is nested.
   */
  private static List<Node> tree(ExpandResult result, Options options) {
    ValueSet source = result.valueSet();
    boolean nest = !options.excludeNested() && !result.ranked() && source.getCompose().getInclude().stream()
        .noneMatch(inc -> inc.hasConcept() || inc.hasValueSet());
    List<Node> roots = new ArrayList<>();
    Map<String, Node> byKey = new HashMap<>();
    for (ExpansionItem item : result.contains()) {
      Node node = new Node(item, new ArrayList<>());
      CodeSystemRelease r = item.release();
      int parent = r.parent(item.index());
      Node parentNode = !nest || parent < 0 ? null : byKey.get(r.url() + "|" + r.code(parent));
      (parentNode != null ? parentNode.children() : roots).add(node);
      if (nest) {
        byKey.put(r.url() + "|" + item.code(), node);
      }
    }
    return roots;
  }

  /**
   * expansion.extension for an expansion that is not the whole value set: cut at the size limit, or drawn from a
   * fragment of a code system (said once, naming the first fragment).
   */
  private static List<Runnable> unclosed(FhirJson out, ExpandResult result) {
    CodeSystemRelease fragment = result.contains().stream().map(ExpansionItem::release)
        .filter(r -> "fragment".equals(r.info().content())).findFirst().orElse(null);
    List<Runnable> extensions = new ArrayList<>();
    if (result.incomplete() || fragment != null) {
      extensions.add(() -> out.startObject().string("url", UNCLOSED).bool("valueBoolean", true).end());
    }
    if (fragment != null && !result.incomplete()) {
      extensions.add(() -> out.startObject().string("url", UNCLOSED + "-reason").string("valueString",
          "This extension is based on a fragment of the code system " + fragment.url()).end());
    }
    return extensions;
  }

  /**
   * expansion.parameter: the request's parameters echoed, the version rules applied, and what was used (code systems,
   * value sets, fragments, versionsMatch), and warnings for flagged resources.
   */
  private static void parameters(FhirJson out, ExpandResult result, Options options, String diagnostics) {
    List<Runnable> params = new ArrayList<>();
    for (EchoedParameter e : options.echo()) {
      params.add(() -> out.startObject().string("name", e.name()).value("value", e.value()).end());
    }
    for (String rule : result.appliedVersionRules()) {
      int eq = rule.indexOf('=');
      params.add(() -> out.parameter(rule.substring(0, eq), "valueUri", rule.substring(eq + 1)));
    }
    for (String cs : result.usedCodeSystems()) {
      params.add(() -> out.parameter("used-codesystem", "valueUri", cs));
    }
    if (result.versionsMatched()) {
      params.add(() -> out.parameter("versionsMatch", true));
    }
    for (String v : result.usedValueSets()) {
      params.add(() -> out.parameter("used-valueset", "valueUri", v));
    }
    Set<CodeSystemRelease> seen = new LinkedHashSet<>();
    result.contains().forEach(i -> seen.add(i.release()));
    for (CodeSystemRelease r : seen) {
      if ("fragment".equals(r.info().content())) {
        params.add(() -> out.parameter("used-fragment", "valueUri", r.url() + (r.version() != null ? "|" + r.version() : "")));
      }
    }
    for (org.moltx.engine.StatusFlag f : result.flagged()) {
      params.add(() -> out.parameter("warning-" + f.flag(), "valueUri", f.resource().toString()));
    }
    if (diagnostics != null) {
      params.add(() -> out.parameter("diagnostics", "valueString", diagnostics));
    }
    if (!params.isEmpty()) {
      out.startArray("parameter");
      params.forEach(Runnable::run);
      out.endArray();
    }
  }

  private static boolean hasStatus(ExpansionItem item) {
    return item.release().isInactive(item.index())
        && Arrays.stream(item.release().conceptProperties(item.index())).anyMatch(p -> p.code().equals("status"));
  }

  private static void contains(FhirJson out, Node node, Options options, Set<String> versioned) {
    ExpansionItem item = node.item();
    CodeSystemRelease r = item.release();
    int i = item.index();
    String display = item.display() != null && item.display().equals(r.display(i))
        ? Languages.display(r, i, options.displayLanguage()) : item.display();
    out.startObject();
    extensions(out, item, options);
    out.string("system", r.url());
    if (r.isAbstract(i)) {
      out.bool("abstract", true);
    }
    if (r.isInactive(i)) {
      out.bool("inactive", true);
    }
    if (versioned.contains(item.system()) && r.version() != null) {
      out.string("version", r.version());
    }
    out.string("code", r.code(i)).string("display", display);
    if (options.includeDesignations()) {
      designations(out, item, display, options);
    }
    if (!node.children().isEmpty()) {
      out.startArray("contains");
      node.children().forEach(child -> contains(out, child, options, versioned));
      out.endArray();
    }
    out.end();
  }

  private static void designations(FhirJson out, ExpansionItem item, String display, Options options) {
    CodeSystemRelease r = item.release();
    int i = item.index();
    List<Designation> designations = new ArrayList<>(List.of(r.designations(i)));
    if (r.display(i) != null && !r.display(i).equals(display)) {
      // the display is now a designation in the asked language: the code system's own display becomes one
      designations.removeIf(d -> d.value().equals(display));
      designations.add(0, new Designation(r.info().language(), Languages.PREFERRED_FOR_LANGUAGE, r.display(i)));
    }
    designations.removeIf(d -> !options.wanted(d));
    List<ValueSet.ConceptReferenceDesignationComponent> listed = item.listed() == null ? List.of()
        : item.listed().getDesignation();
    if (designations.isEmpty() && listed.isEmpty()) {
      return;
    }
    out.startArray("designation");
    for (Designation d : designations) {
      out.startObject();
      if (d.extensions() != null && !d.extensions().isEmpty()) {
        out.startArray("extension");
        d.extensions().forEach(x -> out.startObject().string("url", x.url())
            .value("value", primitive(x.type(), x.value())).end());
        out.endArray();
      }
      out.string("language", d.language());
      if (d.use() != null) {
        out.coding("use", d.use());
      }
      out.string("value", d.value()).end();
    }
    // the value set's own designations follow the code system's
    for (ValueSet.ConceptReferenceDesignationComponent d : listed) {
      out.startObject();
      if (d.hasExtension()) {
        out.startArray("extension");
        d.getExtension().forEach(e -> extension(out, e));
        out.endArray();
      }
      out.string("language", d.getLanguage());
      if (d.hasUse()) {
        coding(out, "use", d.getUse());
      }
      out.string("value", d.getValue()).end();
    }
    out.endArray();
  }

  /**
   * The entry's extensions: what the concept's extensions say that is not a property, what the value set itself says
   * of the concept, then the requested properties and the extension properties, by code, as the ecosystem lists them.
   */
  private static void extensions(FhirJson out, ExpansionItem item, Options options) {
    CodeSystemRelease r = item.release();
    int i = item.index();
    TreeMap<String, List<Value>> values = new TreeMap<>();
    for (String code : options.properties()) {
      if (code.equals("status") && options.statusOfInactiveOnly() && !r.isInactive(i)) {
        continue;
      }
      values.computeIfAbsent(code, k -> new ArrayList<>()).addAll(propertyValues(r, i, code));
    }
    List<Runnable> plain = new ArrayList<>();
    extensionValues(item).forEach((code, value) -> {
      if (EXTENSION_PROPERTY_URIS.containsKey(code)) {
        if (!options.properties().contains(code)) {
          values.computeIfAbsent(code, k -> new ArrayList<>()).add(value);
        }
      } else {
        plain.add(() -> {
          out.startObject().string("url", STRUCTURE_DEFINITIONS + code);
          value.accept(out);
          out.end();
        });
      }
    });
    List<Extension> fromValueSet = new ArrayList<>();
    if (item.listed() != null) {
      // what the value set itself says of the concept travels with it
      for (String url : List.of(VALUESET_DEPRECATED, org.moltx.engine.StatusFlags.STANDARDS_STATUS,
          VALUESET_CONCEPT_DEFINITION)) {
        fromValueSet.addAll(item.listed().getExtensionsByUrl(url));
      }
    }
    boolean any = !plain.isEmpty() || !fromValueSet.isEmpty() || values.values().stream().anyMatch(l -> !l.isEmpty());
    if (!any) {
      return;
    }
    out.startArray("extension");
    plain.forEach(Runnable::run);
    fromValueSet.forEach(e -> extension(out, e));
    values.forEach((code, list) -> list.forEach(value -> {
      out.startObject().startArray("extension")
          .startObject().string("url", "code").string("valueCode", code).end()
          .startObject().string("url", "value");
      value.accept(out);
      out.end().endArray().string("url", CONTAINS_PROPERTY_EXTENSION).end();
    }));
    out.endArray();
  }

  /**
   * What the concept's extensions say (weight, label, order, status, rendering-style/-xhtml), by code: the code
   * system's (supplements included), overridden by the value set's entry for the concept.
   */
  private static Map<String, Value> extensionValues(ExpansionItem item) {
    ConceptProperty[] own = item.release().extensionProperties(item.index());
    if (own.length == 0 && (item.listed() == null || !item.listed().hasExtension())) {
      return Map.of(); // the common case: nothing to say
    }
    Map<String, Value> out = new LinkedHashMap<>();
    for (ConceptProperty p : own) {
      out.put(p.code(), extensionValue(p));
    }
    if (item.listed() != null) {
      for (Extension e : item.listed().getExtension()) {
        String code = VALUESET_OVERRIDES.get(e.getUrl());
        if (code != null && e.getValue() != null) {
          Type v = e.getValue();
          out.put(code, code.equals("order") || code.equals("weight")
              ? json -> json.decimal("valueDecimal", new BigDecimal(v.primitiveValue())) : json -> json.value("value", v));
        }
      }
    }
    return out;
  }

  /** definition when asked, then the extension properties the concepts have, then the other requested ones. */
  private static List<String> declaredProperties(ExpandResult result, List<String> requested) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (requested.contains("definition")) {
      out.add("definition");
    }
    Set<String> present = new HashSet<>();
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

  private static Value extensionValue(ConceptProperty p) {
    Object v = p.value();
    return switch (p.code()) {
      case "order", "weight" -> v instanceof BigDecimal d ? json -> json.decimal("valueDecimal", d)
          : json -> json.string("valueString", String.valueOf(v));
      case "status" -> json -> json.string("valueCode", String.valueOf(v));
      default -> json -> json.string("valueString", String.valueOf(v));
    };
  }

  /** A designation extension's value: a primitive of the type the content states. */
  private static Type primitive(String type, String value) {
    return switch (type) {
      case "code" -> new org.hl7.fhir.r4.model.CodeType(value);
      case "id" -> new org.hl7.fhir.r4.model.IdType(value);
      case "boolean" -> new org.hl7.fhir.r4.model.BooleanType(value);
      case "integer" -> new org.hl7.fhir.r4.model.IntegerType(value);
      case "uri" -> new org.hl7.fhir.r4.model.UriType(value);
      case "canonical" -> new org.hl7.fhir.r4.model.CanonicalType(value);
      default -> new org.hl7.fhir.r4.model.StringType(value);
    };
  }

  private static List<Value> propertyValues(CodeSystemRelease r, int i, String code) {
    List<Value> values = new ArrayList<>();
    if (code.equals("definition") && r.definition(i) != null) {
      String definition = r.definition(i);
      values.add(json -> json.string("valueString", definition));
    }
    for (ConceptProperty p : r.conceptProperties(i)) {
      if (p.code().equals(code) && p.value() != null) {
        org.moltx.engine.ResultProperty typed = PropertyValues.of(r, p);
        values.add(json -> AnswerWriter.propertyValue(json, typed));
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

  /** An extension the request or the content brought in as a HAPI element: url, nested extensions, value. */
  private static void extension(FhirJson out, Extension e) {
    out.startObject();
    if (e.hasExtension()) {
      out.startArray("extension");
      e.getExtension().forEach(x -> extension(out, x));
      out.endArray();
    }
    out.string("url", e.getUrl());
    if (e.getValue() != null) {
      out.value("value", e.getValue());
    }
    out.end();
  }

  private static void coding(FhirJson out, String name, Coding c) {
    out.startObject(name).string("system", c.getSystem()).string("version", c.getVersion()).string("code", c.getCode())
        .string("display", c.getDisplay()).end();
  }

  static EchoedParameter echo(String name, String value) {
    return new EchoedParameter(name, new org.hl7.fhir.r4.model.StringType(value));
  }

  static EchoedParameter echo(String name, boolean value) {
    return new EchoedParameter(name, new org.hl7.fhir.r4.model.BooleanType(value));
  }

  static EchoedParameter echo(String name, int value) {
    return new EchoedParameter(name, new org.hl7.fhir.r4.model.IntegerType(value));
  }

  /** The systems of which the expansion used, or the value set's includes state, more than one version. */
  private static Set<String> severalVersions(ValueSet vs, ExpandResult result) {
    Map<String, Set<String>> versions = new HashMap<>();
    result.usedCodeSystems().forEach(cs -> versions.computeIfAbsent(org.moltx.model.Canonical.urlOf(cs),
        k -> new HashSet<>()).add(cs));
    Set<String> out = new HashSet<>();
    versions.forEach((system, used) -> {
      if (used.size() > 1) {
        out.add(system);
      }
    });
    Map<String, Set<String>> stated = new HashMap<>();
    vs.getCompose().getInclude().stream().filter(inc -> inc.hasSystem() && inc.hasVersion())
        .forEach(inc -> stated.computeIfAbsent(inc.getSystem(), k -> new HashSet<>()).add(inc.getVersion()));
    stated.forEach((system, v) -> {
      if (v.size() > 1) {
        out.add(system);
      }
    });
    return out;
  }
}
