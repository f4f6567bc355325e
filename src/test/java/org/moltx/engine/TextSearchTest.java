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
}
