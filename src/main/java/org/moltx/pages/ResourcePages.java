package org.moltx.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.ExpandRequest;
import org.moltx.engine.ExpandResult;
import org.moltx.engine.ExpansionItem;
import org.moltx.engine.Terminology;
import org.moltx.engine.VersionPolicy;
import org.moltx.store.ConceptMapIndex;
import org.moltx.store.MapEntry;
import org.moltx.store.TerminologyStore;

/** A page per ValueSet (its expansion, paged) and per ConceptMap (its links by source and by target). */
final class ResourcePages {
  private static final int PAGE = 50;
  private static final int MAX_OFFSET = 1_000_000;
  private final Terminology terminology;

  ResourcePages(Terminology terminology) {
    this.terminology = terminology;
  }

  String valueSet(String id, HttpServletRequest request, TerminologyStore store) {
    ValueSet vs = store.valueSetById(id).orElseThrow(() -> new PageException(404, "Unknown value set",
        "This server has no ValueSet with id '" + id + "'."));
    int offset = Params.number(request, "offset", 0, MAX_OFFSET);
    ExpandResult result = terminology.expand(store,
        new ExpandRequest(vs, null, PAGE, offset, false, VersionPolicy.NONE, PAGE, false));
    if (offset > 0 && offset >= result.total()) {
      throw new PageException(400, "Bad request", "'offset' is " + offset + ", past the expansion's "
          + result.total() + " codes.");
    }
    Html m = new Html();
    String title = vs.hasTitle() ? vs.getTitle() : vs.getUrl();
    m.el("h1", title);
    m.open("dl", "class", "facts");
    m.el("dt", "URL").open("dd").el("code", vs.getUrl()).close("dd");
    if (vs.hasVersion()) {
      m.el("dt", "Version").el("dd", vs.getVersion());
    }
    m.el("dt", "Status").el("dd", vs.hasStatus() ? vs.getStatus().toCode() : "");
    if (vs.hasDescription()) {
      m.el("dt", "Description").el("dd", vs.getDescription());
    }
    if (vs.hasCopyright()) {
      m.el("dt", "Copyright").el("dd", vs.getCopyright());
    }
    m.close("dl");
    int to = offset + result.contains().size();
    m.open("section").el("h2", "Expansion: " + result.total() + " codes" + (result.total() == 0 ? ""
        : ", " + (offset + 1) + " to " + to + " shown"));
    Map<String, String> names = Layout.systems(store);
    if (!result.contains().isEmpty()) {
      m.open("table").open("thead").open("tr").el("th", "Code", "scope", "col").el("th", "Display", "scope", "col")
          .el("th", "System", "scope", "col").close("tr").close("thead").open("tbody");
      for (ExpansionItem item : result.contains()) {
        m.open("tr").open("td").a(Links.code(item.system(), item.code()), item.code(), "class", "code").close("td")
            .el("td", item.display() == null ? "" : item.display())
            .el("td", names.getOrDefault(item.system(), item.system())).close("tr");
      }
      m.close("tbody").close("table");
    }
    m.open("nav", "class", "pager", "aria-label", "Pages");
    if (offset > 0) {
      m.a(Links.valueSet(id) + "?offset=" + Math.max(0, offset - PAGE), "Previous " + PAGE, "rel", "prev");
    }
    if (to < result.total()) {
      m.a(Links.valueSet(id) + "?offset=" + to, "Next " + PAGE, "rel", "next");
    }
    m.close("nav");
    CodePage.fhir(m, "/fhir/ValueSet/" + Links.enc(id) + "/$expand?count=" + PAGE + "&offset=" + offset,
        "ValueSet/$expand");
    CodePage.fhir(m, "/fhir/ValueSet/" + Links.enc(id), "the ValueSet resource");
    m.close("section");
    return Layout.page(store, title, m, null, null, false);
  }

  String conceptMap(String id, TerminologyStore store) {
    ConceptMapIndex map = store.conceptMapById(id).orElseThrow(() -> new PageException(404, "Unknown concept map",
        "This server has no ConceptMap with id '" + id + "'."));
    Html m = new Html();
    String title = map.map().hasTitle() ? map.map().getTitle() : map.canonical();
    m.el("h1", title);
    m.open("dl", "class", "facts");
    m.el("dt", "URL").open("dd").el("code", map.map().getUrl()).close("dd");
    if (map.map().hasVersion()) {
      m.el("dt", "Version").el("dd", map.map().getVersion());
    }
    if (map.map().hasDescription()) {
      m.el("dt", "Description").el("dd", map.map().getDescription());
    }
    if (map.map().hasCopyright()) {
      m.el("dt", "Copyright").el("dd", map.map().getCopyright());
    }
    m.close("dl");
    List<MapEntry> entries = map.entries();
    links(m, "By source (" + entries.size() + " links)", entries, true);
    List<MapEntry> byTarget = entries.stream().filter(e -> e.targetCode() != null)
        .sorted(Comparator.comparing(MapEntry::targetCode)).toList();
    links(m, "By target", byTarget, false);
    CodePage.fhir(m, "/fhir/ConceptMap/" + Links.enc(id), "the ConceptMap resource");
    return Layout.page(store, title, m, null, null, false);
  }

  private static void links(Html m, String heading, List<MapEntry> entries, boolean sourceFirst) {
    m.open("section").el("h2", heading);
    m.open("table").open("thead").open("tr");
    m.el("th", sourceFirst ? "Source" : "Target", "scope", "col").el("th", sourceFirst ? "Target" : "Source",
        "scope", "col").el("th", "Relationship", "scope", "col");
    m.close("tr").close("thead").open("tbody");
    for (MapEntry e : entries) {
      m.open("tr");
      if (sourceFirst) {
        cell(m, e.sourceSystem(), e.sourceCode(), e.sourceDisplay());
        cell(m, e.targetSystem(), e.targetCode(), e.targetDisplay());
      } else {
        cell(m, e.targetSystem(), e.targetCode(), e.targetDisplay());
        cell(m, e.sourceSystem(), e.sourceCode(), e.sourceDisplay());
      }
      m.el("td", e.equivalence() == null ? "" : e.equivalence()).close("tr");
    }
    m.close("tbody").close("table").close("section");
  }

  private static void cell(Html m, String system, String code, String display) {
    m.open("td");
    if (code != null) {
      m.a(Links.code(system, code), code, "class", "code").text(display == null ? "" : " " + display);
    }
    m.close("td");
  }
}
