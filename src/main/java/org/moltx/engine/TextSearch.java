package org.moltx.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.WordIndex;
import org.moltx.store.TerminologyStore;

/**
 * Search as people type, over one or several code systems at once: each system's best matches come from the ranked
 * {@code $expand} filter search ({@link ExpandService}), and are merged by the same rank keys
 * ({@link TextFilter#rank}), which compare across releases (exact code, then codes beginning with the text, then
 * text matches by quality).
 *
 * @param items the best matches over all the systems, best first
 * @param totals how many concepts match in each system, by system URI, in the order the systems were asked
 */
public record TextSearch(List<ExpansionItem> items, Map<String, Integer> totals) {

  static TextSearch run(ExpandService expand, TerminologyStore store, String text, List<String> systems, int count) {
    TextFilter filter = TextFilter.of(text);
    if (filter == null) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No search text given", "filter");
    }
    record Ranked(ExpansionItem item, long key, int order) {}
    List<Ranked> all = new ArrayList<>();
    Map<String, Integer> totals = new LinkedHashMap<>();
    for (String system : systems) {
      ValueSet whole = ValueSets.resolve(store, system + "?fhir_vs", null);
      // a small code system's matches come in compose order, not ranked: all of them (fewer than the ranked
      // threshold), in one expansion, so that its best ones are among those merged below
      int want = WordIndex.covers(store.codeSystemVersions(system).get(0).release()) ? count : WordIndex.MIN_SIZE;
      ExpandResult page = expand.expand(store,
          new ExpandRequest(whole, text, want, 0, false, VersionPolicy.NONE, want, false));
      totals.put(system, page.total());
      for (ExpansionItem item : page.contains()) {
        all.add(new Ranked(item, filter.rank(item.release(), item.index(), item.display()), all.size()));
      }
    }
    // ties keep each system's own order, and the systems the order they were asked in
    all.sort(Comparator.comparingLong(Ranked::key).thenComparingInt(Ranked::order));
    return new TextSearch(all.stream().limit(count).map(Ranked::item).toList(), totals);
  }
}
