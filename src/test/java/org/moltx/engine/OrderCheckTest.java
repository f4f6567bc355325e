package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one order decision of CDS Hooks and the order check page, over the embedded content. */
class OrderCheckTest {
  private final IndicationService indications = new IndicationService(EngineFixtures.embedded());

  private OrderCheck check(String cpt, String... diagnoses) {
    return indications.catalog().indicationsOf(cpt).check(List.of(diagnoses));
  }

  @Test
  void aListedDiagnosisSupportsTheTest() {
    OrderCheck c = check("81455", "C92.01");
    assertThat(c.outcome()).isEqualTo(OrderCheck.Outcome.SUPPORTED);
    assertThat(c.findings()).hasSize(1);
    OrderCheck.Finding f = c.findings().get(0);
    assertThat(f.code()).isEqualTo("C92.01");
    assertThat(f.title()).isEqualTo("Acute myeloblastic leukemia, in remission");
    assertThat(f.throughAncestor()).isFalse();
  }

  @Test
  void aCodeUnderAListedCategorySupportsItThroughTheAncestorWithOrWithoutItsDot() {
    OrderCheck c = check("81311", "C9200");
    assertThat(c.outcome()).isEqualTo(OrderCheck.Outcome.SUPPORTED_THROUGH_ANCESTOR);
    assertThat(c.findings().get(0).code()).isEqualTo("C92.00");
    assertThat(c.findings().get(0).coveredBy().diagnosis().code()).isEqualTo("C92.0");
  }

  @Test
  void oneDirectListingOutweighsOneThroughAnAncestor() {
    assertThat(check("81311", "J45.909", "C18.7", "C92.0").outcome()).isEqualTo(OrderCheck.Outcome.SUPPORTED);
  }

  @Test
  void anUnlistedDiagnosisDoesNotAndAnUnknownTestHasNothingToCheck() {
    OrderCheck no = check("81455", "J45.909");
    assertThat(no.outcome()).isEqualTo(OrderCheck.Outcome.NOT_SUPPORTED);
    assertThat(no.supported()).isFalse();
    assertThat(no.findings().get(0).title()).isEqualTo("Unspecified asthma, uncomplicated");
    assertThat(check("99999", "C92.01").outcome()).isEqualTo(OrderCheck.Outcome.UNKNOWN_TEST);
  }
}
