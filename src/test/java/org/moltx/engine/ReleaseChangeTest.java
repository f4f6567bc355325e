package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What happened to a code between ICD-10-CM 2026 and 2027. */
class ReleaseChangeTest {
  @Test
  void aCodesChangeBetweenTheTwoNewestReleases() {
    Terminology t = EngineFixtures.embedded();
    assertThat(ReleaseChange.of(t.store(), IndicationService.ICD10CM, "Z29.14")).isEqualTo(new ReleaseChange(
        ReleaseChange.Kind.TITLE_CHANGED, "2026", "2027", "Encounter for prophylactic rabies immune globin",
        "Encounter for prophylactic rabies immune globulin"));
    assertThat(ReleaseChange.of(t.store(), IndicationService.ICD10CM, "D69.11").kind())
        .isEqualTo(ReleaseChange.Kind.NEW);
    assertThat(ReleaseChange.of(t.store(), IndicationService.ICD10CM, "T52.8X1").kind())
        .isEqualTo(ReleaseChange.Kind.DELETED);
    assertThat(ReleaseChange.of(t.store(), IndicationService.ICD10CM, "C92.01").kind())
        .isEqualTo(ReleaseChange.Kind.UNCHANGED);
    assertThat(ReleaseChange.of(t.store(), IndicationService.CPT, "81455")).isNull();
  }
}
