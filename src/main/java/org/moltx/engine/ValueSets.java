package org.moltx.engine;

import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.Canonical;
import org.moltx.store.TerminologyStore;

/** Finds the value set a request means, including the implicit ones of a code system ({@code [system]?fhir_vs}). */
public final class ValueSets {
  private static final String EXPANSION_PARAMETER =
      "http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter";

  private ValueSets() {}

  /** A canonical with an optional |version. */
  public static ValueSet resolve(TerminologyStore store, String canonical, String version) {
    Canonical c = Canonical.parse(canonical);
    String url = c.url();
    String v = version != null ? version : c.version();
    if (url.contains("?fhir_vs")) {
      return implicit(store, url);
    }
    List<ValueSet> versions = store.valueSetVersions(url);
    String wanted = v;
    ValueSet found = wanted == null ? (versions.isEmpty() ? null : versions.get(0))
        : versions.stream().filter(x -> wanted.equals(x.getVersion())).findFirst().orElse(null);
    if (found == null) {
      throw new TerminologyException(Problem.UNKNOWN_RESOURCE, MessageId.UNABLE_TO_RESOLVE_VALUE_SET,
          MessageId.UNABLE_TO_RESOLVE_VALUE_SET.text(new Canonical(url, wanted)), "url");
    }
    return found;
  }

  /** {@code [system]?fhir_vs} is all of the code system; {@code ?fhir_vs=isa/[code]} the code and its descendants. */
  private static ValueSet implicit(TerminologyStore store, String url) {
    String system = url.substring(0, url.indexOf('?'));
    String query = url.substring(url.indexOf('?') + 1);
    if (store.codeSystemVersions(system).isEmpty()) {
      throw new TerminologyException(Problem.UNKNOWN_SYSTEM, MessageId.UNKNOWN_CODESYSTEM,
          MessageId.UNKNOWN_CODESYSTEM.text(system, "the value set '" + url + "' cannot be expanded"), "url");
    }
    ValueSet vs = new ValueSet();
    vs.setUrl(url).setStatus(PublicationStatus.ACTIVE).setName("Implicit");
    ValueSet.ConceptSetComponent include = vs.getCompose().addInclude().setSystem(system);
    if (query.startsWith("fhir_vs=isa/")) {
      include.addFilter().setProperty("concept").setOp(ValueSet.FilterOperator.ISA).setValue(query.substring("fhir_vs=isa/".length()));
    } else if (!query.equals("fhir_vs")) {
      throw new TerminologyException(Problem.NOT_SUPPORTED, "Implicit value set '" + url + "' is not supported; use "
          + system + "?fhir_vs or " + system + "?fhir_vs=isa/[code]", "url");
    }
    return vs;
  }

  /**
   * The value sets of the content (not of the FHIR core fallback) that contain a code, newest version of each; a
   * value set that cannot be evaluated (it draws on content this server lacks) is left out.
   */
  public static List<ValueSet> containing(TerminologyStore store, String system, String code) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<ValueSet> found = new java.util.ArrayList<>();
    for (ValueSet vs : store.valueSets()) {
      if (!seen.add(vs.getUrl()) || store.valueSetVersions(vs.getUrl()).get(0) != vs) {
        continue;
      }
      try {
        if (new ComposeEvaluator(store, VersionPolicy.NONE, null).contains(vs, system, null, code).member()) {
          found.add(vs);
        }
      } catch (TerminologyException e) {
        // not evaluable here: it cannot be said to contain the code
      }
    }
    return found;
  }

  /**
   * The display language a value set asks for when the request names none: its compose's displayLanguage
   * expansion parameter, else the value set's own language.
   */
  public static String displayLanguage(ValueSet vs) {
    String language = expansionParameters(vs).get("displayLanguage");
    return language != null ? language : vs.hasLanguage() ? vs.getLanguage() : null;
  }

  /** The expansion parameters the value set's compose states (valueset-expansion-parameter), name to value. */
  public static java.util.Map<String, String> expansionParameters(ValueSet vs) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (org.hl7.fhir.r4.model.Extension e : vs.getCompose().getExtensionsByUrl(EXPANSION_PARAMETER)) {
      org.hl7.fhir.r4.model.Extension name = e.getExtensionByUrl("name");
      org.hl7.fhir.r4.model.Extension value = e.getExtensionByUrl("value");
      if (name != null && value != null && name.hasValue() && value.hasValue()) {
        out.putIfAbsent(name.getValue().primitiveValue(), value.getValue().primitiveValue());
      }
    }
    return out;
  }
}
