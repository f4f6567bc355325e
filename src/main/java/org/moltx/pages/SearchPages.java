package org.moltx.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.ExpansionItem;
import org.moltx.engine.Terminology;
import org.moltx.engine.TextSearch;
import org.moltx.store.ConceptMapIndex;
import org.moltx.store.TerminologyStore;

/** The home page, the search results page and the suggestions (JSON) behind the search box: one ranked search. */
final class SearchPages {
  static final int PAGE_SIZE = 50;
  static final int SUGGESTIONS = 10;

  private final Terminology terminology;
  private final ObjectMapper json = new ObjectMapper();

  SearchPages(Terminology terminology) {
    this.terminology = terminology;
  }

  String home(TerminologyStore store) {
    Html m = new Html();
    m.el("h1", "Find a code");
    m.el("p", "Type a code (E11.6, 81455) or words (acute myeloblastic) in the box above: suggestions come as you "
        + "type; the arrow keys move through them, Enter opens one, Escape closes the list.");
    m.el("h2", "Examples");
    m.open("ul");
    m.open("li").a(Links.code(org.moltx.engine.IndicationService.CPT, "81455"), "CPT 81455").text(": the ICD-10-CM "
        + "indications, related tests, specialties").close("li");
    m.open("li").a(Links.code(org.moltx.engine.IndicationService.ICD10CM, "C92.01"), "ICD-10-CM C92.01")
        .text(": the tests it indicates").close("li");
    m.open("li").a("/check?code=81455&diagnosis=C92.01", "Order check: 81455 for C92.01").close("li");
    m.close("ul");
    m.el("h2", "Value sets");
    m.open("ul");
    for (ValueSet vs : distinctValueSets(store)) {
      m.open("li").a(Links.valueSet(vs.getIdElement().getIdPart()), vs.hasTitle() ? vs.getTitle() : vs.getUrl())
          .close("li");
    }
    m.close("ul");
    m.el("h2", "Concept maps");
    m.open("ul");
    for (ConceptMapIndex map : store.conceptMaps()) {
      String title = map.map().hasTitle() ? map.map().getTitle() : map.canonical();
      m.open("li").a(Links.conceptMap(map.map().getIdElement().getIdPart()), title).close("li");
    }
    m.close("ul");
    return Layout.page(store, "Search", m, null, null, true);
  }

  String results(HttpServletRequest request, TerminologyStore store) {
    String q = Params.required(request, "q", "the text or code to search for, e.g. /search?q=E11.6");
    String system = Params.system(request, store, false);
    TextSearch found = search(store, q, system, PAGE_SIZE);
    Html m = new Html();
    m.el("h1", "Search: " + q);
    int total = found.totals().values().stream().mapToInt(Integer::intValue).sum();
    List<String> counts = new ArrayList<>();
    Map<String, String> names = Layout.systems(store);
    found.totals().forEach((s, n) -> {
      if (n > 0) {
        counts.add(names.get(s) + ": " + n);
      }
    });
    m.el("p", total == 0 ? "No code matches." : total + " matches" + (total > found.items().size()
        ? ", the best " + found.items().size() + " shown" : "") + " (" + String.join("; ", counts) + ").",
        "class", "summary");
    if (!found.items().isEmpty()) {
      m.open("ol", "class", "results");
      for (ExpansionItem item : found.items()) {
        m.open("li");
        m.a(Links.code(item.system(), item.code()), item.code(), "class", "code");
        m.text(" ").el("span", item.display() == null ? "" : item.display(), "class", "display");
        m.text(" ").el("span", names.getOrDefault(item.system(), item.system()), "class", "system");
        ConceptStatus.badges(m, ConceptStatus.of(item.release(), item.index()));
        m.close("li");
      }
      m.close("ol");
    }
    for (String s : found.totals().keySet()) {
      m.open("p", "class", "fhir-link").text("FHIR: ")
          .a(Links.fhirExpand(s + "?fhir_vs", q, PAGE_SIZE), "ValueSet/$expand over " + names.get(s)).close("p");
    }
    return Layout.page(store, "Search: " + q, m, q, system, false);
  }

  /** The suggestions for the search box: code, display, system, status and the page of each. */
  byte[] suggest(HttpServletRequest request, TerminologyStore store) throws java.io.IOException {
    String q = Params.required(request, "q", "the text typed");
    String system = Params.system(request, store, false);
    TextSearch found = search(store, q, system, SUGGESTIONS);
    Map<String, String> names = Layout.systems(store);
    ObjectNode out = json.createObjectNode();
    out.put("q", q);
    ArrayNode items = out.putArray("items");
    for (ExpansionItem item : found.items()) {
      ObjectNode i = items.addObject();
      i.put("code", item.code());
      i.put("display", item.display());
      i.put("system", item.system());
      i.put("systemName", names.getOrDefault(item.system(), item.system()));
      i.put("status", String.join(" ", ConceptStatus.of(item.release(), item.index())));
      i.put("href", Links.code(item.system(), item.code()));
    }
    return json.writeValueAsBytes(out);
  }

  private TextSearch search(TerminologyStore store, String q, String system, int count) {
    List<String> systems = system != null ? List.of(system) : List.copyOf(Layout.systems(store).keySet());
    return terminology.search(store, q, systems, count);
  }

  static List<ValueSet> distinctValueSets(TerminologyStore store) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return store.valueSets().stream().filter(vs -> seen.add(vs.getUrl())).toList();
  }
}
