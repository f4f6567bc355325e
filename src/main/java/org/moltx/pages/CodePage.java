package org.moltx.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.ExpansionItem;
import org.moltx.engine.IndicationService;
import org.moltx.engine.Indications;
import org.moltx.engine.LookupRequest;
import org.moltx.engine.LookupResult;
import org.moltx.engine.ReleaseChange;
import org.moltx.engine.ResultProperty;
import org.moltx.engine.Terminology;
import org.moltx.engine.TranslateMatch;
import org.moltx.engine.TranslateRequest;
import org.moltx.engine.TranslateResult;
import org.moltx.engine.ValueSets;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.model.Designation;
import org.moltx.store.ConceptMapIndex;
import org.moltx.store.MapEntry;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/**
 * {@code /code?system=&code=[&version=]}: one concept with everything the server knows of it, each section linking
 * the FHIR request that returns the same facts.
 */
final class CodePage {
  /** The CPT properties that say how a test is billed: shown in a section of their own. */
  /** The CPT fragment's properties that say which modifiers and places of service go with a code. */
  private static final List<String> BILLING = List.of("usual-modifier", "place-of-service");
  private final Terminology terminology;
  private final IndicationService indications;

  CodePage(Terminology terminology, IndicationService indications) {
    this.terminology = terminology;
    this.indications = indications;
  }

  String render(HttpServletRequest request, TerminologyStore store) {
    String system = Params.system(request, store, true);
    String code = Params.required(request, "code", "a code, e.g. /code?system=...&code=81455");
    String version = Params.optional(request, "version");
    CodeSystemRelease release = release(store, system, version);
    String given = code;
    int i = release.indexOf(code);
    if (i < 0 && IndicationService.ICD10CM.equals(system)) {
      code = Indications.normalize(code); // C9201 is C92.01
      i = release.indexOf(code);
    }
    if (i < 0 && version == null) {
      // a code deleted in the newest release: its page is that of the newest release that still has it
      for (StoredCodeSystem older : store.codeSystemVersions(system)) {
        if (older.release().indexOf(code) >= 0) {
          release = older.release();
          i = release.indexOf(code);
          break;
        }
      }
    }
    if (i < 0) {
      throw unknown(store, release, given);
    }
    boolean newest = release == store.codeSystemVersions(system).get(0).release();
    String pinned = newest ? null : release.version(); // links to other codes stay in this release
    LookupResult lookup = terminology.lookup(store,
        new LookupRequest(system, release.version(), code, null, null, List.of()));
    Map<String, String> names = Layout.systems(store);
    String systemName = names.getOrDefault(system, system);
    Html m = new Html();
    breadcrumb(m, release, i, pinned);
    m.open("h1").el("span", code, "class", "code").text(" ").text(lookup.display() == null ? "" : lookup.display())
        .close("h1");
    m.open("dl", "class", "facts");
    m.el("dt", "System").open("dd").text(systemName + " ").el("code", system).close("dd");
    m.el("dt", "Version").el("dd", release.version() + (newest ? " (newest)" : ""));
    m.el("dt", "Status").open("dd");
    List<String> status = ConceptStatus.of(release, i);
    if (status.isEmpty()) {
      m.text("active");
    }
    ConceptStatus.badges(m, status);
    m.close("dd");
    if (lookup.definition() != null) {
      m.el("dt", "Definition").el("dd", lookup.definition());
    }
    m.close("dl");
    fhir(m, Links.lookup(system, code, pinned), "CodeSystem/$lookup");

    // what a coder asks first (the change, indications, tests) before the concept's details
    change(m, store, system, code);
    if (IndicationService.CPT.equals(system)) {
      cptIndications(m, code);
      mappedFrom(m, store, system, code);
      billingContext(m, store, lookup, system, code);
    }
    if (IndicationService.ICD10CM.equals(system)) {
      testsIndicated(m, store, release, i);
    }
    children(m, release, i, pinned);
    properties(m, store, lookup);
    designations(m, lookup);
    valueSets(m, store, system, code);
    return Layout.page(store, code + " " + (lookup.display() == null ? "" : lookup.display()), m, null, system, false);
  }

  private static CodeSystemRelease release(TerminologyStore store, String system, String version) {
    List<StoredCodeSystem> versions = store.codeSystemVersions(system);
    if (version == null) {
      return versions.get(0).release();
    }
    return versions.stream().map(StoredCodeSystem::release).filter(r -> version.equals(r.version())).findFirst()
        .orElseThrow(() -> new PageException(404, "Unknown version", "This server has no version '" + version
            + "' of " + system + "; it has " + String.join(", ",
            versions.stream().map(s -> s.release().version()).toList()) + "."));
  }

  private PageException unknown(TerminologyStore store, CodeSystemRelease release, String code) {
    Html more = new Html();
    List<ExpansionItem> near = List.of();
    // the code as given, then shorter and shorter prefixes of it: C92.0Q suggests C92.0 and the codes below it
    for (String text = code; near.isEmpty() && text.length() >= Math.max(1, code.length() - 4);
        text = text.substring(0, text.length() - 1)) {
      try {
        near = terminology.search(store, text, List.of(release.url()), 8).items();
      } catch (RuntimeException e) {
        // no suggestions for text the search cannot take
      }
    }
    if (!near.isEmpty()) {
      more.el("h2", "Near matches");
      more.open("ul", "class", "results");
      for (ExpansionItem item : near) {
        more.open("li").a(Links.code(item.system(), item.code()), item.code(), "class", "code").text(" ")
            .el("span", item.display() == null ? "" : item.display(), "class", "display").close("li");
      }
      more.close("ul");
    }
    return new PageException(404, "Unknown code", "'" + code + "' is not a code of " + release.url() + " version "
        + release.version() + ".", more);
  }

  private static void breadcrumb(Html m, CodeSystemRelease release, int i, String version) {
    List<Integer> ancestors = new ArrayList<>();
    for (int p = release.parent(i); p >= 0; p = release.parent(p)) {
      ancestors.add(0, p);
    }
    if (ancestors.isEmpty()) {
      return;
    }
    m.open("nav", "aria-label", "Ancestors", "class", "breadcrumb").open("ol");
    for (int a : ancestors) {
      m.open("li").a(Links.code(release.url(), release.code(a), version), release.code(a),
          "title", release.display(a)).close("li");
    }
    m.open("li").el("span", release.code(i), "aria-current", "page").close("li");
    m.close("ol").close("nav");
  }

  private static void children(Html m, CodeSystemRelease release, int i, String version) {
    int[] children = release.children(i);
    if (children.length == 0) {
      return;
    }
    m.open("section").el("h2", "Children (" + children.length + ")");
    m.open("ul", "class", "children");
    for (int c : children) {
      m.open("li").a(Links.code(release.url(), release.code(c), version), release.code(c), "class", "code")
          .text(" ").text(release.display(c) == null ? "" : release.display(c));
      ConceptStatus.badges(m, ConceptStatus.of(release, c));
      m.close("li");
    }
    m.close("ul").close("section");
  }

  private static void designations(Html m, LookupResult lookup) {
    if (lookup.designations().isEmpty()) {
      return;
    }
    m.open("section").el("h2", "Designations");
    m.open("table").open("thead").open("tr").el("th", "Use", "scope", "col").el("th", "Language", "scope", "col")
        .el("th", "Text", "scope", "col").close("tr").close("thead").open("tbody");
    for (Designation d : lookup.designations()) {
      CodingValue use = d.use();
      m.open("tr").el("td", use == null ? "" : use.display() != null ? use.display() : use.code())
          .el("td", d.language() == null ? "" : d.language()).el("td", d.value()).close("tr");
    }
    m.close("tbody").close("table").close("section");
  }

  private static void properties(Html m, TerminologyStore store, LookupResult lookup) {
    List<ResultProperty> shown = lookup.properties().stream()
        .filter(p -> !p.code().equals("parent") && !p.code().equals("child") && !p.code().equals("inactive")
            && !BILLING.contains(p.code()))
        .toList();
    if (shown.isEmpty()) {
      return;
    }
    Map<String, String> names = Layout.systems(store);
    m.open("section").el("h2", "Properties");
    m.open("table").open("thead").open("tr").el("th", "Property", "scope", "col").el("th", "Value", "scope", "col")
        .close("tr").close("thead").open("tbody");
    for (ResultProperty p : shown) {
      m.open("tr").el("td", label(p.code())).open("td");
      if (p.value() instanceof CodingValue c) {
        codeLink(m, store, names, c);
        m.text(" " + codingText(names, c));
      } else {
        m.text(String.valueOf(p.value()));
      }
      m.close("td").close("tr");
    }
    m.close("tbody").close("table").close("section");
  }

  /** A coding's code: a link to its page when this server has its code system, else plain. */
  private static void codeLink(Html m, TerminologyStore store, Map<String, String> names, CodingValue c) {
    if (names.containsKey(store.canonicalSystem(c.system()))) {
      m.a(Links.code(c.system(), c.code()), c.code(), "class", "code");
    } else {
      m.el("span", c.code(), "class", "code");
    }
  }

  /** "Display (code system name)". */
  private static String codingText(Map<String, String> names, CodingValue c) {
    return (c.display() == null ? "" : c.display()) + " (" + names.getOrDefault(c.system(), c.system()) + ")";
  }

  /** The modifiers and places of service that apply to a CPT code (its usual-modifier and place-of-service). */
  private static void billingContext(Html m, TerminologyStore store, LookupResult lookup, String system,
      String code) {
    List<ResultProperty> billing = lookup.properties().stream().filter(p -> BILLING.contains(p.code())).toList();
    if (billing.isEmpty()) {
      return;
    }
    Map<String, String> names = Layout.systems(store);
    m.open("section", "id", "billing").el("h2", "Modifiers and place of service");
    m.open("table").open("thead").open("tr").el("th", "Applies", "scope", "col").el("th", "Code", "scope", "col")
        .el("th", "Display", "scope", "col").close("tr").close("thead").open("tbody");
    for (ResultProperty p : billing) {
      m.open("tr").el("td", label(p.code())).open("td");
      if (p.value() instanceof CodingValue c) {
        codeLink(m, store, names, c);
        m.close("td").el("td", codingText(names, c));
      } else {
        m.text(String.valueOf(p.value())).close("td").el("td", "");
      }
      m.close("tr");
    }
    m.close("tbody").close("table");
    fhir(m, Links.lookup(system, code, null) + "&property=usual-modifier&property=place-of-service",
        "CodeSystem/$lookup (usual-modifier, place-of-service)");
    m.close("section");
  }

  /** "place-of-service" reads as "place of service". */
  private static String label(String property) {
    return property.replace('-', ' ');
  }

  private static void change(Html m, TerminologyStore store, String system, String code) {
    ReleaseChange change = ReleaseChange.of(store, system, code);
    if (change == null) {
      return;
    }
    m.open("section", "id", "release-change").el("h2", "Changes from " + change.older() + " to " + change.newer());
    switch (change.kind()) {
      case NEW -> m.el("p", "New in " + change.newer() + ".", "class", "change change-new");
      case DELETED -> m.el("p", "Deleted in " + change.newer() + " (last valid in " + change.older() + ").",
          "class", "change change-deleted");
      case TITLE_CHANGED -> {
        m.el("p", "Title changed in " + change.newer() + ".", "class", "change change-title");
        m.open("dl", "class", "facts").el("dt", change.older()).el("dd", change.olderTitle())
            .el("dt", change.newer()).el("dd", change.newerTitle()).close("dl");
      }
      case UNCHANGED -> m.el("p", "Unchanged: same code and title in both releases.", "class", "change");
    }
    m.open("p", "class", "fhir-link").text("FHIR: ")
        .a(Links.lookup(system, code, change.older()), "$lookup " + change.older()).text(", ")
        .a(Links.lookup(system, code, change.newer()), "$lookup " + change.newer()).close("p");
    m.close("section");
  }

  private void cptIndications(Html m, String code) {
    Indications ind = indications.catalog().indicationsOf(code);
    m.open("section", "id", "indications").el("h2", "ICD-10-CM indications (" + ind.accepted().size() + ")");
    if (ind.isEmpty()) {
      m.el("p", "No ICD-10-CM indication is listed for this code.");
    } else {
      m.open("table").open("thead").open("tr").el("th", "ICD-10-CM", "scope", "col")
          .el("th", "Official title", "scope", "col").close("tr").close("thead").open("tbody");
      for (Indications.Indication i : ind.accepted()) {
        CodingValue d = i.diagnosis();
        m.open("tr").open("td").a(Links.code(IndicationService.ICD10CM, d.code()), d.code(), "class", "code")
            .close("td").open("td").text(d.display() == null ? "" : d.display());
        if (i.category()) {
          m.el("span", "and every code below it", "class", "note");
        }
        m.close("td").close("tr");
      }
      m.close("tbody").close("table");
      m.open("p").a(Links.check(code), "Check an order for " + code).close("p");
    }
    m.el("p", Layout.DISCLAIMER, "class", "note");
    fhir(m, Links.translateWithMap(IndicationService.INDICATIONS_MAP, IndicationService.CPT, code,
        IndicationService.ICD10CM), "ConceptMap/$translate");
    m.close("section");
  }

  /** The other maps from this code: related CPT codes, NUCC specialties. */
  private void mappedFrom(Html m, TerminologyStore store, String system, String code) {
    Map<String, String> names = Layout.systems(store);
    for (ConceptMapIndex map : store.conceptMaps()) {
      if (map.canonical().startsWith(IndicationService.INDICATIONS_MAP) || !map.hasSourceSystem(system)) {
        continue;
      }
      for (String target : targets(map, system)) {
        TranslateResult r = terminology.translate(store,
            new TranslateRequest(code, system, null, map.map().getUrl(), null, null, null, target, false, false));
        if (r.matches().isEmpty()) {
          continue;
        }
        String title = map.map().hasTitle() ? map.map().getTitle() : map.canonical();
        m.open("section").el("h2", title);
        m.open("table").open("thead").open("tr").el("th", names.getOrDefault(target, target), "scope", "col")
            .el("th", "Relationship", "scope", "col").el("th", "Comment", "scope", "col").close("tr")
            .close("thead").open("tbody");
        for (TranslateMatch match : r.matches()) {
          CodingValue c = match.concept();
          m.open("tr").open("td");
          if (c != null) {
            m.a(Links.code(c.system(), c.code()), c.code(), "class", "code").text(" " + (c.display() == null ? ""
                : c.display()));
          }
          m.close("td").el("td", match.equivalence() == null ? "" : match.equivalence())
              .el("td", match.comment() == null ? "" : match.comment()).close("tr");
        }
        m.close("tbody").close("table");
        m.open("p", "class", "fhir-link").text("FHIR: ")
            .a(Links.translateWithMap(map.map().getUrl(), system, code, target), "ConceptMap/$translate")
            .text(" \u00b7 ")
            .a(Links.conceptMap(map.map().getIdElement().getIdPart()), "the whole map").close("p");
        m.close("section");
      }
    }
  }

  private static List<String> targets(ConceptMapIndex map, String system) {
    // the index's entries name their systems canonically (aliases resolved), as hasSourceSystem asks them
    return map.entries().stream().filter(e -> system.equals(e.sourceSystem())).map(MapEntry::targetSystem)
        .filter(java.util.Objects::nonNull).distinct().toList();
  }

  /**
   * The tests this diagnosis indicates: those listing it, then those listing one of its ancestors (C92.01 is listed
   * for 81455 itself and falls under C92.0, listed for 81311). Each ancestor is asked by $translate on its own: the
   * operation's hierarchy road stops at the nearest mapped ancestor, and a coder wants them all.
   */
  private void testsIndicated(Html m, TerminologyStore store, CodeSystemRelease release, int index) {
    String code = release.code(index);
    record Test(CodingValue test, String via, String viaTitle) {}
    java.util.LinkedHashMap<String, Test> tests = new java.util.LinkedHashMap<>();
    for (int a = index; a >= 0; a = release.parent(a)) {
      TranslateResult r = terminology.translate(store, new TranslateRequest(release.code(a), IndicationService.ICD10CM,
          release.version(), IndicationService.INDICATIONS_MAP, null, null, null, null, true, false));
      for (TranslateMatch t : r.matches()) {
        if (t.concept() != null) {
          tests.putIfAbsent(t.concept().code(), new Test(t.concept(), a == index ? null : release.code(a),
              release.display(a)));
        }
      }
    }
    m.open("section", "id", "tests").el("h2", "CPT tests it indicates (" + tests.size() + ")");
    if (tests.isEmpty()) {
      m.el("p", "No CPT test of this server's content lists " + code + " or an ancestor of it as an indication.");
    } else {
      m.open("ul", "class", "results");
      for (Test t : tests.values()) {
        CodingValue c = t.test();
        m.open("li").a(Links.code(c.system(), c.code()), c.code(), "class", "code").text(" ")
            .el("span", c.display() == null ? "" : c.display(), "class", "display").text(": ");
        if (t.via() == null) {
          m.text("listed for " + code + " itself");
        } else {
          m.text("through its ancestor ").a(Links.code(IndicationService.ICD10CM, t.via()), t.via(), "class", "code")
              .text(" " + (t.viaTitle() == null ? "" : t.viaTitle()));
        }
        m.text(" \u00b7 ").a("/check?code=" + Links.enc(c.code()) + "&diagnosis=" + Links.enc(code),
            "check an order of " + c.code()).close("li");
      }
      m.close("ul");
    }
    m.el("p", Layout.DISCLAIMER, "class", "note");
    fhir(m, Links.translate(IndicationService.ICD10CM, code, null, true), "ConceptMap/$translate (reverse)");
    m.close("section");
  }

  private static void valueSets(Html m, TerminologyStore store, String system, String code) {
    List<ValueSet> containing = ValueSets.containing(store, system, code);
    m.open("section", "id", "value-sets").el("h2", "Value sets that contain it (" + containing.size() + ")");
    if (containing.isEmpty()) {
      m.el("p", "None of this server's value sets contains it.");
    } else {
      m.open("ul");
      for (ValueSet vs : containing) {
        m.open("li").a(Links.valueSet(vs.getIdElement().getIdPart()), vs.hasTitle() ? vs.getTitle() : vs.getUrl())
            .text(" (").a(Links.validateInValueSet(vs.getUrl(), system, code), "FHIR $validate-code").text(")")
            .close("li");
      }
      m.close("ul");
    }
    m.close("section");
  }

  static void fhir(Html m, String href, String label) {
    m.open("p", "class", "fhir-link").text("FHIR: ").a(href, label).close("p");
  }
}
