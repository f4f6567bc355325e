package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.engine.EngineFixtures.ANIMALS;
import static org.moltx.engine.EngineFixtures.MAMMALS_VS;
import static org.moltx.engine.EngineFixtures.concepts;
import static org.moltx.engine.EngineFixtures.filter;
import static org.moltx.engine.EngineFixtures.include;
import static org.moltx.engine.EngineFixtures.isA;
import static org.moltx.engine.EngineFixtures.latest;
import static org.moltx.engine.EngineFixtures.valueSet;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;
import org.junit.jupiter.api.Test;
import org.moltx.engine.EngineFixtures.Failure;
import org.moltx.store.TerminologyStore;

/** ValueSet.compose: expansion and membership by {@link ComposeEvaluator}, over authored content. */
class ComposeEvaluatorTest {
  private static final String V2 = ANIMALS + "|2.0.0";
  private TerminologyStore store = EngineFixtures.store();

  /** The members as "code display", in expansion order. */
  private List<String> expand(ValueSet vs) {
    return expand(vs, VersionPolicy.NONE);
  }

  private List<String> expand(ValueSet vs, VersionPolicy policy) {
    return new ComposeEvaluator(store, policy, null).expand(vs).stream()
        .map(i -> i.release().version() + " " + i.code() + " " + i.display()).toList();
  }

  private static ValueSet vs(ConceptSetComponent... includes) {
    return valueSet("http://example.org/vs/test", includes);
  }

  /** Whether a code of animals is in the value set, and the release and concept consulted ("version code"). */
  private String contains(ValueSet vs, String version, String code) {
    Membership m = new ComposeEvaluator(store, VersionPolicy.NONE, null).contains(vs, ANIMALS, version, code);
    return m.member() + " " + (m.release() == null ? "-" : m.release().version()) + " "
        + (m.index() < 0 ? "-" : m.release().code(m.index()));
  }

  // ---- include ----

  @Test
  void aConceptListGivesTheListedConceptsInTheirOrderWithTheValueSetsDisplays() {
    ConceptSetComponent include = concepts(include(ANIMALS), "B1", "A11");
    include.addConcept().setCode("A2").setDisplay("Birdie");
    include.addConcept().setCode("Z9").setDisplay("Unknown");
    assertThat(expand(vs(include))).containsExactly("2.0.0 B1 Tree", "2.0.0 A11 Dog", "2.0.0 A2 Birdie");
  }

  @Test
  void aWholeCodeSystemIncludeGivesEveryConceptInTheCodeSystemsOrder() {
    assertThat(expand(vs(include(ANIMALS)))).containsExactly("2.0.0 A Animal", "2.0.0 A1 Mammal", "2.0.0 A11 Dog",
        "2.0.0 A12 Cat", "2.0.0 A2 Bird", "2.0.0 B Plant", "2.0.0 B1 Tree");
  }

  @Test
  void isAGivesTheConceptAndItsDescendants() {
    assertThat(expand(vs(isA(include(ANIMALS), "A1")))).containsExactly("2.0.0 A1 Mammal", "2.0.0 A11 Dog",
        "2.0.0 A12 Cat");
  }

  @Test
  void descendentOfGivesTheDescendantsOnly() {
    assertThat(expand(vs(filter(include(ANIMALS), "concept", FilterOperator.DESCENDENTOF, "A"))))
        .containsExactly("2.0.0 A1 Mammal", "2.0.0 A11 Dog", "2.0.0 A12 Cat", "2.0.0 A2 Bird");
  }

  @Test
  void isAOfAnUnknownCodeGivesNothing() {
    assertThat(expand(vs(isA(include(ANIMALS), "Z9")))).isEmpty();
  }

  @Test
  void isNotAGivesEverythingOutsideTheSubtree() {
    assertThat(expand(vs(filter(include(ANIMALS), "concept", FilterOperator.ISNOTA, "A"))))
        .containsExactly("2.0.0 B Plant", "2.0.0 B1 Tree");
  }

  @Test
  void aRegexOnTheCodeMustMatchTheWholeCode() {
    assertThat(expand(vs(filter(include(ANIMALS), "code", FilterOperator.REGEX, "A1\\d"))))
        .containsExactly("2.0.0 A11 Dog", "2.0.0 A12 Cat");
    assertThat(expand(vs(filter(include(ANIMALS), "display", FilterOperator.REGEX, "[A-C].*"))))
        .containsExactly("2.0.0 A Animal", "2.0.0 A12 Cat", "2.0.0 A2 Bird");
  }

  @Test
  void anEqualsFilterOnAPropertyAndSeveralFiltersTogether() {
    assertThat(expand(vs(filter(include(ANIMALS), "status", FilterOperator.EQUAL, "retired"))))
        .containsExactly("2.0.0 A12 Cat");
    ConceptSetComponent both = isA(include(ANIMALS), "A");
    filter(both, "inactive", FilterOperator.EQUAL, "false");
    assertThat(expand(vs(both))).containsExactly("2.0.0 A Animal", "2.0.0 A1 Mammal", "2.0.0 A11 Dog", "2.0.0 A2 Bird");
  }

  @Test
  void aConceptListWithAFilterKeepsTheListedConceptsThatPassIt() {
    assertThat(expand(vs(isA(concepts(include(ANIMALS), "A11", "B1", "A12"), "A1"))))
        .containsExactly("2.0.0 A11 Dog", "2.0.0 A12 Cat");
  }

  @Test
  void aConceptIncludedTwiceAppearsOnce() {
    assertThat(expand(vs(concepts(include(ANIMALS), "A11"), isA(include(ANIMALS), "A1"))))
        .containsExactly("2.0.0 A11 Dog", "2.0.0 A1 Mammal", "2.0.0 A12 Cat");
  }

  // ---- exclude ----

  @Test
  void anExcludedConceptListIsTakenOut() {
    ValueSet vs = vs(isA(include(ANIMALS), "A"));
    vs.getCompose().addExclude(concepts(include(ANIMALS), "A12", "A2"));
    assertThat(expand(vs)).containsExactly("2.0.0 A Animal", "2.0.0 A1 Mammal", "2.0.0 A11 Dog");
    assertThat(contains(vs, null, "A12")).isEqualTo("false 2.0.0 A12");
    assertThat(contains(vs, null, "A11")).isEqualTo("true 2.0.0 A11");
  }

  @Test
  void anExcludedSubtreeIsTakenOut() {
    ValueSet vs = vs(isA(include(ANIMALS), "A"));
    vs.getCompose().addExclude(isA(include(ANIMALS), "A1"));
    assertThat(expand(vs)).containsExactly("2.0.0 A Animal", "2.0.0 A2 Bird");
    assertThat(contains(vs, null, "A11")).isEqualTo("false 2.0.0 A11");
  }

  // ---- membership ----

  @Test
  void membershipIsAnsweredFromTheRules() {
    ValueSet mammals = ValueSets.resolve(store, MAMMALS_VS, null);
    assertThat(contains(mammals, null, "A11")).isEqualTo("true 2.0.0 A11");
    assertThat(contains(mammals, null, "B1")).isEqualTo("false 2.0.0 B1");
    assertThat(contains(mammals, null, "Z9")).isEqualTo("false 2.0.0 -");
    assertThat(contains(mammals, "1.0.0", "A12")).isEqualTo("true 1.0.0 A12");
    assertThat(new ComposeEvaluator(store, VersionPolicy.NONE, null).contains(mammals, "http://example.org/cs/other",
        null, "A11")).isEqualTo(Membership.absent());
  }

  @Test
  void aValueSetOfActiveConceptsOnlyHasNoInactiveMember() {
    ValueSet active = vs(isA(include(ANIMALS), "A1"));
    active.getCompose().setInactive(false);
    assertThat(contains(active, null, "A12")).isEqualTo("false 2.0.0 A12");
    assertThat(contains(active, null, "A11")).isEqualTo("true 2.0.0 A11");
  }

  // ---- imports ----

  @Test
  void anImportedValueSetIsExpandedAndNamedAsUsed() {
    ConceptSetComponent imported = new ConceptSetComponent();
    imported.addValueSet(MAMMALS_VS);
    ComposeEvaluator evaluator = new ComposeEvaluator(store, VersionPolicy.NONE, null);
    assertThat(evaluator.expand(vs(imported)).stream().map(ExpansionItem::code).toList())
        .containsExactly("A1", "A11", "A12");
    assertThat(evaluator.usedValueSets()).containsExactly(MAMMALS_VS + "|1");
    assertThat(evaluator.usedCodeSystems()).containsExactly(V2);
  }

  @Test
  void anIncludeWithASystemAndAnImportIsTheirIntersection() {
    ConceptSetComponent both = concepts(include(ANIMALS), "A11", "A2");
    both.addValueSet(MAMMALS_VS);
    ValueSet vs = vs(both);
    assertThat(expand(vs)).containsExactly("2.0.0 A11 Dog");
    assertThat(contains(vs, null, "A2")).isEqualTo("false 2.0.0 A2");
  }

  @Test
  void aMissingImportIsAnUnknownResource() {
    ConceptSetComponent imported = new ConceptSetComponent();
    imported.addValueSet("http://example.org/vs/missing");
    assertThat(EngineFixtures.failure(() -> expand(vs(imported)))).isEqualTo(new Failure(Problem.UNKNOWN_RESOURCE,
        "url", "A definition for the value Set 'http://example.org/vs/missing' could not be found"));
  }

  @Test
  void aValueSetThatImportsItselfThroughAnotherIsCircular() {
    ConceptSetComponent toB = new ConceptSetComponent();
    toB.addValueSet("http://example.org/vs/b");
    ConceptSetComponent toA = new ConceptSetComponent();
    toA.addValueSet("http://example.org/vs/a");
    ValueSet a = valueSet("http://example.org/vs/a", toB);
    store = store.overlay().addValueSet(a).addValueSet(valueSet("http://example.org/vs/b", toA)).build();
    assertThat(EngineFixtures.failure(() -> expand(a))).isEqualTo(new Failure(Problem.CIRCULAR_REFERENCE, null,
        "Found a circularity pointing to http://example.org/vs/a|1 processing ValueSet with pathway "
            + "[http://example.org/vs/b|1, http://example.org/vs/a|1]"));
  }

  // ---- versions ----

  @Test
  void anIncludeNamingAVersionUsesThatRelease() {
    ComposeEvaluator evaluator = new ComposeEvaluator(store, VersionPolicy.NONE, null);
    List<ExpansionItem> items = evaluator.expand(vs(isA(include(ANIMALS).setVersion("1.0.0"), "A")));
    assertThat(items.stream().map(ExpansionItem::code).toList())
        .containsExactly("A", "A1", "A11", "A12", "A2", "X");
    assertThat(evaluator.usedCodeSystems()).containsExactly(ANIMALS + "|1.0.0");
    assertThat(evaluator.appliedVersionRules()).isEmpty();
  }

  @Test
  void includesOfTwoVersionsGiveEachCodeOncePerVersionTheNamedVersionFirst() {
    ValueSet vs = vs(concepts(include(ANIMALS).setVersion("1.0.0"), "A11", "X"), concepts(include(ANIMALS), "A11"));
    assertThat(expand(vs)).containsExactly("1.0.0 A11 Dog", "2.0.0 A11 Dog", "1.0.0 X Extinct animal");
  }

  @Test
  void anIncludeOfAnUnknownVersionCannotBeExpanded() {
    ValueSet vs = vs(isA(include(ANIMALS).setVersion("9"), "A1"));
    assertThat(EngineFixtures.failure(() -> expand(vs))).isEqualTo(new Failure(Problem.UNKNOWN_SYSTEM, "version",
        "A definition for CodeSystem '" + ANIMALS + "' version '9' could not be found, so the value set cannot be "
            + "expanded. Valid versions: 1.0.0 or 2.0.0"));
  }

  @Test
  void withDefaultToLatestVersionAnIncludeOfAnUnknownVersionUsesTheNewestRelease() {
    ComposeEvaluator evaluator = new ComposeEvaluator(store, latest(), null);
    assertThat(evaluator.expand(vs(isA(include(ANIMALS).setVersion("9"), "A1"))).stream()
        .map(i -> i.release().version() + " " + i.code()).toList())
        .containsExactly("2.0.0 A1", "2.0.0 A11", "2.0.0 A12");
    assertThat(evaluator.usedCodeSystems()).containsExactly(V2);
  }

  @Test
  void anIncludeOfAnUnknownCodeSystemCannotBeExpanded() {
    assertThat(EngineFixtures.failure(() -> expand(vs(include("http://example.org/cs/none")))))
        .isEqualTo(new Failure(Problem.UNKNOWN_SYSTEM, "system", "A definition for CodeSystem "
            + "'http://example.org/cs/none' could not be found, so the value set cannot be expanded"));
  }

  @Test
  void systemVersionChoosesTheReleaseOfAVersionlessIncludeAndIsEchoed() {
    ComposeEvaluator evaluator = new ComposeEvaluator(store,
        new VersionPolicy(Map.of(ANIMALS, "1.0.0"), Map.of(), Map.of()), null);
    assertThat(evaluator.expand(vs(concepts(include(ANIMALS), "X"))).stream().map(ExpansionItem::code).toList())
        .containsExactly("X");
    assertThat(evaluator.appliedVersionRules()).containsExactly("system-version=" + ANIMALS + "|1.0.0");
    assertThat(evaluator.usedCodeSystems()).containsExactly(ANIMALS + "|1.0.0");
  }

  @Test
  void forceSystemVersionOverridesTheIncludesVersion() {
    ComposeEvaluator evaluator = new ComposeEvaluator(store,
        new VersionPolicy(Map.of(), Map.of(), Map.of(ANIMALS, "2.0.0")), null);
    assertThat(evaluator.expand(vs(concepts(include(ANIMALS).setVersion("1.0.0"), "X", "A11"))).stream()
        .map(i -> i.release().version() + " " + i.code()).toList()).containsExactly("2.0.0 A11");
    assertThat(evaluator.appliedVersionRules()).isEmpty();
  }

  @Test
  void checkSystemVersionRefusesAnotherRelease() {
    VersionPolicy check = new VersionPolicy(Map.of(), Map.of(ANIMALS, "1.x"), Map.of());
    assertThat(EngineFixtures.failure(() -> expand(vs(concepts(include(ANIMALS).setVersion("2.0.0"), "A11")), check)))
        .isEqualTo(new Failure(Problem.VERSION_ERROR, null, "The version '2.0.0' is not allowed for system '" + ANIMALS
            + "': required to be '1.x' by a version-check parameter"));
    // for a versionless include, the check pattern chooses the release
    ComposeEvaluator evaluator = new ComposeEvaluator(store, check, null);
    assertThat(evaluator.expand(vs(concepts(include(ANIMALS), "X"))).stream().map(ExpansionItem::code).toList())
        .containsExactly("X");
    assertThat(evaluator.appliedVersionRules()).containsExactly("check-system-version=" + ANIMALS + "|1.x");
  }

  // ---- broken compose ----

  @Test
  void aFilterWithoutAValueIsABrokenValueSet() {
    ValueSet vs = vs(include(ANIMALS));
    vs.getCompose().getIncludeFirstRep().addFilter().setProperty("concept").setOp(FilterOperator.ISA);
    assertThat(EngineFixtures.failure(() -> expand(vs))).isEqualTo(new Failure(Problem.INVALID_VALUE_SET,
        "ValueSet.compose.include[0].filter[0]", "The system " + ANIMALS + " filter with property = concept, op = is-a "
            + "has no value"));
  }

  @Test
  void anInvalidRegexIsABrokenValueSet() {
    ValueSet vs = vs(include(ANIMALS), filter(include(ANIMALS), "code", FilterOperator.REGEX, "A("));
    Failure failure = EngineFixtures.failure(() -> expand(vs));
    assertThat(failure.problem()).isEqualTo(Problem.INVALID_VALUE_SET);
    assertThat(failure.element()).isEqualTo("ValueSet.compose.include[1].filter[0]");
    assertThat(failure.message()).startsWith("The regex 'A(' is not valid: ");
  }

  @Test
  void anUnsupportedFilterIsRefused() {
    ValueSet vs = vs(filter(include(ANIMALS), "display", FilterOperator.ISA, "Dog"));
    assertThat(EngineFixtures.failure(() -> expand(vs))).isEqualTo(new Failure(Problem.NOT_SUPPORTED,
        "ValueSet.compose.include.filter", "The filter operation 'is-a' on property 'display' is not supported"));
  }

  @Test
  void theCodeSystemsUsedAreNamedOnceEach() {
    ComposeEvaluator evaluator = new ComposeEvaluator(store, VersionPolicy.NONE, null);
    evaluator.expand(vs(concepts(include(ANIMALS), "A11"), isA(include(ANIMALS), "B"),
        concepts(include(EngineFixtures.SOUNDS), "woof")));
    assertThat(evaluator.usedCodeSystems()).isEqualTo(Set.of(V2, EngineFixtures.SOUNDS + "|1"));
    assertThat(evaluator.usedCodeSystems()).containsExactly(V2, EngineFixtures.SOUNDS + "|1");
    assertThat(evaluator.flagged()).isEmpty();
    assertThat(evaluator.versionsMatched()).isFalse();
  }
}
