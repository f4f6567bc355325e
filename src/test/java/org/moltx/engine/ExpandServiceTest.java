package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.engine.EngineFixtures.ACTIVE_ANIMALS_VS;
import static org.moltx.engine.EngineFixtures.ANIMALS;
import static org.moltx.engine.EngineFixtures.ANIMALS_VS;
import static org.moltx.engine.EngineFixtures.ICD;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moltx.engine.EngineFixtures.Failure;
import org.moltx.store.TerminologyStore;

/** $expand through {@link Terminology#expand}: paging, the size limit, text filter, activeOnly; authored and embedded. */
class ExpandServiceTest {
  private static final String V2 = ANIMALS + "|2.0.0";
  private final TerminologyStore store = EngineFixtures.store();
  private static Terminology embedded;

  @BeforeAll
  static void load() {
    embedded = EngineFixtures.embedded();
  }

  @AfterAll
  static void release() {
    embedded = null;
  }

  /** Everything an expansion says but the value set itself; members as "system|version|code display". */
  record Expansion(List<String> contains, int total, int offset, Set<String> usedCodeSystems, Set<String> usedValueSets,
      Set<String> appliedVersionRules, Set<org.moltx.engine.StatusFlag> flagged, boolean versionsMatched,
      boolean incomplete) {
    static Expansion of(ExpandResult r) {
      return new Expansion(r.contains().stream().map(i -> i.system() + "|" + i.release().version() + "|" + i.code()
          + " " + i.display()).toList(), r.total(), r.offset(), r.usedCodeSystems(), r.usedValueSets(),
          r.appliedVersionRules(), r.flagged(), r.versionsMatched(), r.incomplete());
    }
  }

  private static ExpandRequest request(ValueSet vs, String filter, Integer count, int offset, boolean activeOnly,
      int maxSize, boolean incompleteOk) {
    return new ExpandRequest(vs, filter, count, offset, activeOnly, VersionPolicy.NONE, maxSize, incompleteOk);
  }

  private Expansion expand(ExpandRequest request) {
    return Expansion.of(new Terminology(store).expand(store, request));
  }

  /** The stored value set, all of it (count null), no filter, a limit of 1000. */
  private Expansion expand(String url) {
    return expand(request(ValueSets.resolve(store, url, null), null, null, 0, false, 1000, false));
  }

  /** A page of the animals value set (is-a A: A, A1, A11, A12, A2). */
  private Expansion page(Integer count, int offset) {
    return expand(request(ValueSets.resolve(store, ANIMALS_VS, null), null, count, offset, false, 1000, false));
  }

  private static List<String> animals(String... codesAndDisplays) {
    return java.util.Arrays.stream(codesAndDisplays).map(s -> ANIMALS + "|2.0.0|" + s).toList();
  }

  private static Expansion animalsExpansion(List<String> contains, int total, int offset, boolean incomplete) {
    return new Expansion(contains, total, offset, Set.of(V2), Set.of(), Set.of(), Set.of(), false, incomplete);
  }

  @Test
  void theWholeValueSetComesInComposeOrder() {
    assertThat(expand(ANIMALS_VS)).isEqualTo(animalsExpansion(animals("A Animal", "A1 Mammal", "A11 Dog", "A12 Cat",
        "A2 Bird"), 5, 0, false));
  }

  @Test
  void countAndOffsetGiveAPageAndTheTotalStaysTheWholeValueSets() {
    assertThat(page(2, 1)).isEqualTo(animalsExpansion(animals("A1 Mammal", "A11 Dog"), 5, 1, false));
    assertThat(page(2, 4)).isEqualTo(animalsExpansion(animals("A2 Bird"), 5, 4, false));
    assertThat(page(null, 3)).isEqualTo(animalsExpansion(animals("A12 Cat", "A2 Bird"), 5, 3, false));
  }

  @Test
  void aPageBeyondTheEndOrOfNoCodesIsEmpty() {
    assertThat(page(2, 9)).isEqualTo(animalsExpansion(List.of(), 5, 9, false));
    assertThat(page(0, 0)).isEqualTo(animalsExpansion(List.of(), 5, 0, false));
  }

  @Test
  void aNegativeOffsetOrCountIsAnInvalidRequest() {
    assertThat(EngineFixtures.failure(() -> page(2, -1)))
        .isEqualTo(new Failure(Problem.INVALID_REQUEST, "offset", "offset and count must not be negative"));
    assertThat(EngineFixtures.failure(() -> page(-1, 0)))
        .isEqualTo(new Failure(Problem.INVALID_REQUEST, "count", "offset and count must not be negative"));
  }

  @Test
  void aValueSetLargerThanTheLimitIsTooCostlyWithoutACount() {
    ValueSet vs = ValueSets.resolve(store, ANIMALS_VS, null);
    assertThat(EngineFixtures.failure(() -> expand(request(vs, null, null, 0, false, 4, false))))
        .isEqualTo(new Failure(Problem.TOO_COSTLY, "count", "The value set '" + ANIMALS_VS + "|1' expansion has too "
            + "many codes to produce (>4): 5 codes; use count (and offset) to page, or filter"));
    // exactly the limit is fine
    assertThat(expand(request(vs, null, null, 0, false, 5, false)).total()).isEqualTo(5);
    // a count pages it
    assertThat(expand(request(vs, null, 2, 0, false, 4, false)))
        .isEqualTo(animalsExpansion(animals("A Animal", "A1 Mammal"), 5, 0, false));
  }

  @Test
  void whenAnIncompleteExpansionWillDoItIsCutAtTheLimitAndMarked() {
    ValueSet vs = ValueSets.resolve(store, ANIMALS_VS, null);
    assertThat(expand(request(vs, null, null, 0, false, 3, true)))
        .isEqualTo(animalsExpansion(animals("A Animal", "A1 Mammal", "A11 Dog"), 5, 0, true));
    // below the limit there is nothing to cut
    assertThat(expand(request(vs, null, null, 0, false, 5, true)).incomplete()).isFalse();
  }

  @Test
  void activeOnlyLeavesOutInactiveConcepts() {
    ValueSet vs = ValueSets.resolve(store, ANIMALS_VS, null);
    assertThat(expand(request(vs, null, null, 0, true, 1000, false)))
        .isEqualTo(animalsExpansion(animals("A Animal", "A1 Mammal", "A11 Dog", "A2 Bird"), 4, 0, false));
  }

  @Test
  void aValueSetOfActiveConceptsOnlyLeavesOutInactiveConcepts() {
    assertThat(expand(ACTIVE_ANIMALS_VS))
        .isEqualTo(animalsExpansion(animals("A Animal", "A1 Mammal", "A11 Dog", "A2 Bird"), 4, 0, false));
  }

  @Test
  void aTextFilterMatchesTheStartOfADisplaysWordsOrOfTheCode() {
    ValueSet vs = ValueSets.resolve(store, ANIMALS_VS, null);
    assertThat(expand(request(vs, "do", null, 0, false, 1000, false)))
        .isEqualTo(animalsExpansion(animals("A11 Dog"), 1, 0, false));
    assertThat(expand(request(vs, "a1", null, 0, false, 1000, false)))
        .isEqualTo(animalsExpansion(animals("A1 Mammal", "A11 Dog", "A12 Cat"), 3, 0, false));
    assertThat(expand(request(vs, "og", null, 0, false, 1000, false)))
        .isEqualTo(animalsExpansion(List.of(), 0, 0, false));
  }

  @Test
  void theRulesThatChoseAReleaseAreReported() {
    ValueSet vs = EngineFixtures.valueSet("http://example.org/vs/x",
        EngineFixtures.concepts(EngineFixtures.include(ANIMALS), "X", "A11"));
    ExpandRequest request = new ExpandRequest(vs, null, null, 0, false,
        new VersionPolicy(Map.of(ANIMALS, "1.0.0"), Map.of(), Map.of()), 1000, false);
    assertThat(expand(request)).isEqualTo(new Expansion(List.of(ANIMALS + "|1.0.0|X Extinct animal",
        ANIMALS + "|1.0.0|A11 Dog"), 2, 0, Set.of(ANIMALS + "|1.0.0"), Set.of(),
        Set.of("system-version=" + ANIMALS + "|1.0.0"), Set.of(), false, false));
  }

  // ---- the embedded content ----

  private static Expansion expandEmbedded(String url, Integer count, int offset, int maxSize, boolean incompleteOk) {
    TerminologyStore content = embedded.store();
    return Expansion.of(embedded.expand(content, request(ValueSets.resolve(content, url, null), null, count, offset,
        false, maxSize, incompleteOk)));
  }

  private static List<String> icd2027(String... codesAndDisplays) {
    return java.util.Arrays.stream(codesAndDisplays).map(s -> ICD + "|2027|" + s).toList();
  }

  @Test
  void theImplicitValueSetOfAnIcd10cmCategoryIsTheCategoryAndItsCodes() {
    assertThat(expandEmbedded(ICD + "?fhir_vs=isa/C92.0", null, 0, 1000, false)).isEqualTo(new Expansion(icd2027(
        "C92.0 Acute myeloblastic leukemia", "C92.00 Acute myeloblastic leukemia, not having achieved remission",
        "C92.01 Acute myeloblastic leukemia, in remission", "C92.02 Acute myeloblastic leukemia, in relapse"), 4, 0,
        Set.of(ICD + "|2027"), Set.of(), Set.of(), Set.of(), false, false));
  }

  @Test
  void the81455IndicationsAreTheirListedCodesInOrder() {
    assertThat(expandEmbedded("http://moltx.org/fhir/ValueSet/cpt-81455-indications", 3, 8, 1000, false))
        .isEqualTo(new Expansion(icd2027("C94.21 Acute megakaryoblastic leukemia, in remission",
            "C92.10 Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission",
            "C92.11 Chronic myeloid leukemia, BCR/ABL-positive, in remission"), 11, 8, Set.of(ICD + "|2027"), Set.of(),
            Set.of(), Set.of(), false, false));
  }

  @Test
  void allOfIcd10cm2027IsTooCostlyUnlessPagedOrAcceptedIncomplete() {
    int size = embedded.store().codeSystemVersions(ICD).get(0).release().size();
    assertThat(size).isEqualTo(98_403); // FY2026's 98,186 entries, +190 -30 codes and +63 -6 headers in FY2027
    assertThat(EngineFixtures.failure(() -> expandEmbedded(ICD + "?fhir_vs", null, 0, 1000, false)))
        .isEqualTo(new Failure(Problem.TOO_COSTLY, "count", "The value set '" + ICD + "?fhir_vs' expansion has too "
            + "many codes to produce (>1000): 98403 codes; use count (and offset) to page, or filter"));
    Expansion cut = expandEmbedded(ICD + "?fhir_vs", null, 0, 3, true);
    assertThat(cut).isEqualTo(new Expansion(icd2027("A00 Cholera", "A00.0 Cholera due to Vibrio cholerae 01, biovar "
        + "cholerae", "A00.1 Cholera due to Vibrio cholerae 01, biovar eltor"), 98_403, 0, Set.of(ICD + "|2027"),
        Set.of(), Set.of(), Set.of(), false, true));
  }
}
