package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.engine.EngineFixtures.ANIMALS;
import static org.moltx.engine.EngineFixtures.ICD;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moltx.engine.EngineFixtures.Failure;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.TerminologyStore;

/** Which release a request means ({@link CodeSystemResolver}) and the request's version rules ({@link VersionPolicy}). */
class CodeSystemResolverTest {
  private static final String DATED = "http://example.org/cs/dated";
  private final TerminologyStore store = EngineFixtures.store();

  /** A one-concept release, in effect from..to (either may be null). */
  private static CodeSystemRelease release(String url, String version, LocalDate from, LocalDate to) {
    CodeSystemInfo info = new CodeSystemInfo(url + "-" + version, url, version, "Dated", "Dated", "active", "complete",
        "test", null, null, true, "is-a", "en", from, to);
    return CodeSystemRelease.builder().add("c", "C", null, null, false, false, null, null).build(info, List.of());
  }

  /** Releases 1.9 (2024), 1.10 (2025) and 2.0 (from 2026, open-ended), added out of order. */
  private static TerminologyStore dated() {
    return TerminologyStore.builder()
        .addCodeSystem(release(DATED, "1.10", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)), null)
        .addCodeSystem(release(DATED, "2.0", LocalDate.of(2026, 1, 1), null), null)
        .addCodeSystem(release(DATED, "1.9", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)), null).build();
  }

  private String resolve(String system, String version) {
    return CodeSystemResolver.resolve(store, system, version, null).version();
  }

  // ---- CodeSystemResolver ----

  @Test
  void withoutVersionOrDateTheNewestReleaseIsMeant() {
    assertThat(resolve(ANIMALS, null)).isEqualTo("2.0.0");
    assertThat(CodeSystemResolver.resolve(dated(), DATED, null, null).version()).isEqualTo("2.0");
  }

  @Test
  void aVersionIsMatchedExactlyOrByPatternNewestMatchFirst() {
    assertThat(resolve(ANIMALS, "1.0.0")).isEqualTo("1.0.0");
    assertThat(resolve(ANIMALS, "1.x")).isEqualTo("1.0.0");
    assertThat(resolve(ANIMALS, "x.0.0")).isEqualTo("2.0.0");
    assertThat(resolve(ANIMALS, "*")).isEqualTo("2.0.0");
    assertThat(CodeSystemResolver.resolve(dated(), DATED, "1.x", null).version()).isEqualTo("1.10");
  }

  @Test
  void aDateMeansTheReleaseInEffectThen() {
    TerminologyStore dated = dated();
    assertThat(CodeSystemResolver.resolve(dated, DATED, null, LocalDate.of(2024, 6, 1)).version()).isEqualTo("1.9");
    assertThat(CodeSystemResolver.resolve(dated, DATED, null, LocalDate.of(2025, 12, 31)).version()).isEqualTo("1.10");
    assertThat(CodeSystemResolver.resolve(dated, DATED, null, LocalDate.of(2030, 1, 1)).version()).isEqualTo("2.0");
    assertThat(EngineFixtures.failure(() -> CodeSystemResolver.resolve(dated, DATED, null, LocalDate.of(2023, 12, 31))))
        .isEqualTo(new Failure(Problem.UNKNOWN_SYSTEM, "date", "No version of CodeSystem '" + DATED + "' is in effect "
            + "on 2023-12-31"));
    // a version wins over a date
    assertThat(CodeSystemResolver.resolve(dated, DATED, "1.9", LocalDate.of(2030, 1, 1)).version()).isEqualTo("1.9");
  }

  @Test
  void anUnknownVersionIsNotFoundAndTheKnownOnesAreListedInVersionOrder() {
    assertThat(EngineFixtures.failure(() -> resolve(ANIMALS, "3.0.0"))).isEqualTo(new Failure(Problem.UNKNOWN_SYSTEM,
        "version", "A definition for CodeSystem '" + ANIMALS + "' version '3.0.0' could not be found, so the code "
            + "cannot be validated. Valid versions: 1.0.0 or 2.0.0"));
    assertThat(EngineFixtures.failure(() -> CodeSystemResolver.resolve(dated(), DATED, "3", null,
        CodeSystemResolver.EXPANDING))).isEqualTo(new Failure(Problem.UNKNOWN_SYSTEM, "version", "A definition for "
            + "CodeSystem '" + DATED + "' version '3' could not be found, so the value set cannot be expanded. Valid "
            + "versions: 1.9, 1.10 or 2.0"));
  }

  @Test
  void anUnknownCodeSystemIsNotFound() {
    String none = "http://example.org/cs/none";
    assertThat(EngineFixtures.failure(() -> resolve(none, null))).isEqualTo(new Failure(Problem.UNKNOWN_SYSTEM,
        "system", "A definition for CodeSystem '" + none + "' could not be found, so the code cannot be validated"));
    assertThat(EngineFixtures.failure(() -> resolve(none, "1"))).isEqualTo(new Failure(Problem.UNKNOWN_SYSTEM,
        "system", "A definition for CodeSystem '" + none + "' version '1' could not be found, so the code cannot be "
            + "validated. No versions of this code system are known"));
  }

  @Test
  void versionPatternsMatchPartByPart() {
    assertThat(CodeSystemResolver.matches("1.0.0", "1.0.0")).isTrue();
    assertThat(CodeSystemResolver.matches("1.x", "1.2")).isTrue();
    assertThat(CodeSystemResolver.matches("1.x.x", "1.2.0")).isTrue();
    assertThat(CodeSystemResolver.matches("1.*", "1.7")).isTrue();
    assertThat(CodeSystemResolver.matches("1.x", "2.0")).isFalse();
    assertThat(CodeSystemResolver.matches("1.0", "1.0.0")).isFalse();
    assertThat(CodeSystemResolver.matches("1.0.x", "1.1.0")).isFalse();
    assertThat(CodeSystemResolver.matches("1.2.3.x", "1.2")).isFalse();
    assertThat(CodeSystemResolver.matches(null, null)).isTrue();
    assertThat(CodeSystemResolver.matches(null, "1")).isFalse();
    assertThat(CodeSystemResolver.matches("1", null)).isFalse();
  }

  @Test
  void aKnownVersionIsOneThatSomeReleaseMatches() {
    assertThat(CodeSystemResolver.isKnownVersion(store, ANIMALS, "1.0.0")).isTrue();
    assertThat(CodeSystemResolver.isKnownVersion(store, ANIMALS, "2.x")).isTrue();
    assertThat(CodeSystemResolver.isKnownVersion(store, ANIMALS, "3.0.0")).isFalse();
    assertThat(CodeSystemResolver.isKnownVersion(store, "http://example.org/cs/none", "1")).isFalse();
  }

  @Test
  void icd10cmReleasesFollowTheFiscalYear() {
    TerminologyStore content = EngineFixtures.embedded().store();
    assertThat(CodeSystemResolver.resolve(content, ICD, null, LocalDate.of(2025, 10, 1)).version()).isEqualTo("2026");
    assertThat(CodeSystemResolver.resolve(content, ICD, null, LocalDate.of(2026, 9, 30)).version()).isEqualTo("2026");
    assertThat(CodeSystemResolver.resolve(content, ICD, null, LocalDate.of(2026, 10, 1)).version()).isEqualTo("2027");
    assertThat(EngineFixtures.failure(() -> CodeSystemResolver.resolve(content, ICD, null, LocalDate.of(2025, 9, 30))))
        .isEqualTo(new Failure(Problem.UNKNOWN_SYSTEM, "date", "No version of CodeSystem '" + ICD + "' is in effect on "
            + "2025-09-30"));
  }

  // ---- VersionPolicy ----

  @Test
  void forceWinsOverTheStatedVersionWhichWinsOverTheDefaultWhichWinsOverTheCheck() {
    VersionPolicy all = new VersionPolicy(Map.of("d", "default"), Map.of("d", "check", "c", "check"),
        Map.of("f", "force"));
    assertThat(all.choose("f", "stated")).isEqualTo("force");
    assertThat(all.choose("d", "stated")).isEqualTo("stated");
    assertThat(all.choose("d", null)).isEqualTo("default");
    assertThat(all.choose("c", null)).isEqualTo("check");
    assertThat(all.choose("other", null)).isNull();
    assertThat(VersionPolicy.NONE.choose(ANIMALS, null)).isNull();
  }

  @Test
  void aCheckRuleJudgesTheReleaseFound() {
    VersionPolicy check = new VersionPolicy(Map.of(), Map.of(ANIMALS, "1.x"), Map.of());
    assertThat(check.violation(ANIMALS, "1.0.0")).isNull();
    assertThat(check.violation(ANIMALS, null)).isNull();
    assertThat(check.violation("http://example.org/cs/other", "2.0.0")).isNull();
    assertThat(check.violation(ANIMALS, "2.0.0")).isEqualTo("The version '2.0.0' is not allowed for system '" + ANIMALS
        + "': required to be '1.x' by a version-check parameter");
    assertThat(EngineFixtures.failure(() -> {
      check.enforce(ANIMALS, "2.0.0");
      return "enforced";
    })).isEqualTo(new Failure(Problem.VERSION_ERROR, null, "The version '2.0.0' is not allowed for system '" + ANIMALS
        + "': required to be '1.x' by a version-check parameter"));
    // a caller that reports checks itself is not stopped
    check.reportingChecks().enforce(ANIMALS, "2.0.0");
    assertThat(check.reportingChecks()).isEqualTo(new VersionPolicy(Map.of(), Map.of(ANIMALS, "1.x"), Map.of(),
        Map.of(), false, false));
  }

  @Test
  void withLatestForUnknownChangesOnlyThatRule() {
    VersionPolicy rules = new VersionPolicy(Map.of("d", "1"), Map.of("c", "2"), Map.of("f", "3"), Map.of("v", "4"),
        false, false);
    assertThat(rules.withLatestForUnknown(true)).isEqualTo(new VersionPolicy(Map.of("d", "1"), Map.of("c", "2"),
        Map.of("f", "3"), Map.of("v", "4"), false, true));
    assertThat(rules.withLatestForUnknown(true).withLatestForUnknown(false)).isEqualTo(rules);
    assertThat(VersionPolicy.NONE.latestForUnknown()).isFalse();
    assertThat(VersionPolicy.NONE.enforceCheck()).isTrue();
    assertThat(rules.withLatestForUnknown(true).reportingChecks().latestForUnknown()).isTrue();
  }

  @Test
  void latestInsteadWarnsOnlyForAnUnknownVersionOfAKnownCodeSystemWhenAskedTo() {
    VersionPolicy latest = VersionPolicy.NONE.withLatestForUnknown(true);
    assertThat(latest.latestInstead(store, ANIMALS, "3.0.0")).isEqualTo("A definition for CodeSystem '" + ANIMALS
        + "' version '3.0.0' could not be found; the latest version '2.0.0' was used instead "
        + "(default-to-latest-version)");
    assertThat(latest.latestInstead(store, ANIMALS, "1.0.0")).isNull();
    assertThat(latest.latestInstead(store, ANIMALS, "1.x")).isNull();
    assertThat(latest.latestInstead(store, ANIMALS, null)).isNull();
    assertThat(latest.latestInstead(store, "http://example.org/cs/none", "1")).isNull();
    assertThat(VersionPolicy.NONE.latestInstead(store, ANIMALS, "3.0.0")).isNull();
  }

  @Test
  void latestInsteadNamesTheNewestIcd10cmRelease() {
    assertThat(VersionPolicy.NONE.withLatestForUnknown(true).latestInstead(EngineFixtures.embedded().store(), ICD,
        "2019")).isEqualTo("A definition for CodeSystem '" + ICD + "' version '2019' could not be found; the latest "
            + "version '2027' was used instead (default-to-latest-version)");
  }

  @Test
  void aDefaultValueSetVersionPinsOnlyAnImportWithoutAVersion() {
    VersionPolicy pins = new VersionPolicy(Map.of(), Map.of(), Map.of(), Map.of("http://example.org/vs/a", "2"), true,
        false);
    assertThat(pins.pinValueSet("http://example.org/vs/a")).isEqualTo("http://example.org/vs/a|2");
    assertThat(pins.pinValueSet("http://example.org/vs/a|1")).isEqualTo("http://example.org/vs/a|1");
    assertThat(pins.pinValueSet("http://example.org/vs/b")).isEqualTo("http://example.org/vs/b");
  }
}
