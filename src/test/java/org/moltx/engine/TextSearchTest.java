package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Search as people type over several code systems: one ranked list. */
class TextSearchTest {
  @Test
  void searchAcrossSystemsMergesByTheSameRankKeys() {
    Terminology t = EngineFixtures.embedded();
    TextSearch s = t.search(t.store(), "8145", List.of(IndicationService.ICD10CM, IndicationService.CPT), 3);
    assertThat(s.items().stream().map(ExpansionItem::code).toList()).containsExactly("81455", "81450", "81451");
    assertThat(s.totals()).containsExactly(java.util.Map.entry(IndicationService.ICD10CM, 0),
        java.util.Map.entry(IndicationService.CPT, 4));
  }

  @Test
  void aSmallCodeSystemsBestMatchesComeFirstNotItsFirstMatches() {
    // NUCC (883 concepts) is not ranked by $expand (compose order): the search ranks all its matches itself
    Terminology t = EngineFixtures.embedded();
    String nucc = "http://nucc.org/provider-taxonomy";
    for (String text : List.of("dentist", "pathology", "clinical")) {
      List<String> all = t.search(t.store(), text, List.of(nucc), 1000).items().stream().map(ExpansionItem::code)
          .toList();
      List<String> best = t.search(t.store(), text, List.of(nucc), 5).items().stream().map(ExpansionItem::code)
          .toList();
      assertThat(best).as(text).isEqualTo(all.subList(0, Math.min(5, all.size())));
    }
  }
}
