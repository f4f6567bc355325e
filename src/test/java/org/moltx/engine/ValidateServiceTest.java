package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.engine.EngineFixtures.ACTIVE_ANIMALS_VS;
import static org.moltx.engine.EngineFixtures.ANIMALS;
import static org.moltx.engine.EngineFixtures.ANIMALS_VS;
import static org.moltx.engine.EngineFixtures.FRAGMENT;
import static org.moltx.engine.EngineFixtures.FRAGMENT_LISTED_VS;
import static org.moltx.engine.EngineFixtures.LETTERS;
import static org.moltx.engine.EngineFixtures.MAMMALS_VS;
import static org.moltx.engine.EngineFixtures.coding;
import static org.moltx.engine.EngineFixtures.concepts;
import static org.moltx.engine.EngineFixtures.error;
import static org.moltx.engine.EngineFixtures.inCodeSystem;
import static org.moltx.engine.EngineFixtures.inValueSet;
import static org.moltx.engine.EngineFixtures.include;
import static org.moltx.engine.EngineFixtures.information;
import static org.moltx.engine.EngineFixtures.latest;
import static org.moltx.engine.EngineFixtures.valueSet;
import static org.moltx.engine.EngineFixtures.warning;

import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.moltx.engine.EngineFixtures.Failure;
import org.moltx.store.TerminologyStore;

/** $validate-code through {@link Terminology#validate}, over small authored content (see {@link EngineFixtures}). */
class ValidateServiceTest {
  private final TerminologyStore store = EngineFixtures.store();
  private final Terminology terminology = new Terminology(store);

  private ValidateResult validate(ValidateRequest request) {
    return terminology.validate(store, request);
  }

  /** CodeSystem/$validate-code of one coding, no version rules. */
  private ValidateResult inSystem(String system, String version, String code, String display) {
    return validate(inCodeSystem(coding(system, version, code, display), VersionPolicy.NONE));
  }

  /** ValueSet/$validate-code of one coding against a value set of the store, no version rules. */
  private ValidateResult inStoredValueSet(String url, String system, String version, String code, String display) {
    return validate(inValueSet(vs(url), coding(system, version, code, display), VersionPolicy.NONE));
  }

  private ValueSet vs(String url) {
    return ValueSets.resolve(store, url, null);
  }

  private static ValidateResult valid(String version, String code, String display, ValidationIssue... issues) {
    return new ValidateResult(true, ANIMALS, version, code, display, false, List.of(issues), List.of());
  }

  private static ValidateResult invalid(String version, String code, String display, ValidationIssue... issues) {
    return new ValidateResult(false, ANIMALS, version, code, display, false, List.of(issues), List.of());
  }

  private static ValidationIssue unknownCode(String code, String version, String hint) {
    return error("code-invalid", "invalid-code", "Unknown code '" + code + "' in the CodeSystem '" + ANIMALS
        + "' version '" + version + "'" + hint, "Coding.code");
  }

  private static ValidationIssue notInValueSet(String coding, String valueSet) {
    return error("code-invalid", "not-in-vs", "The provided code '" + coding + "' was not found in the value set '"
        + valueSet + "'", "Coding.code");
  }

  // ---- CodeSystem/$validate-code: the code and its display ----

  @Test
  void aKnownCodeIsValidInTheNewestRelease() {
    assertThat(inSystem(ANIMALS, null, "A11", "Dog")).isEqualTo(valid("2.0.0", "A11", "Dog"));
    assertThat(inSystem(ANIMALS, null, "A11", null)).isEqualTo(valid("2.0.0", "A11", "Dog"));
  }

  @Test
  void aWrongDisplayIsAnErrorThatNamesTheRightOne() {
    assertThat(inSystem(ANIMALS, null, "A11", "Doggy")).isEqualTo(invalid("2.0.0", "A11", "Dog",
        error("invalid", "invalid-display", "Wrong Display Name 'Doggy' for " + ANIMALS + "#A11. Valid display is "
            + "'Dog' (en) (for the language(s) '--')", "Coding.display")));
  }

  @Test
  void aWrongDisplayIsOnlyAWarningWhenDisplaysAreLenient() {
    ValidateRequest lenient = new ValidateRequest(null, List.of(coding(ANIMALS, null, "A11", "Doggy")), false, true,
        false, true, null, VersionPolicy.NONE);
    ValidateResult result = validate(lenient);
    assertThat(result).isEqualTo(valid("2.0.0", "A11", "Dog", warning("invalid", "invalid-display",
        "Wrong Display Name 'Doggy' for " + ANIMALS + "#A11. Valid display is 'Dog' (en) (for the language(s) '--')",
        "Coding.display")));
    assertThat(result.message()).isEqualTo("Wrong Display Name 'Doggy' for " + ANIMALS + "#A11. Valid display is "
        + "'Dog' (en) (for the language(s) '--')");
  }

  @Test
  void aDisplayThatDiffersOnlyInWhitespaceIsCalledSo() {
    assertThat(inSystem(ANIMALS, null, "A11", " Dog ")).isEqualTo(invalid("2.0.0", "A11", "Dog",
        error("invalid", "invalid-display", "Wrong whitespace in Display Name ' Dog ' for " + ANIMALS + "#A11. Valid "
            + "display is 'Dog' (en) (for the language(s) '--')", "Coding.display")));
  }

  @Test
  void aDesignationInAnotherLanguageIsAValidDisplayAndIsListedWhenTheDisplayIsWrong() {
    assertThat(inSystem(ANIMALS, null, "B1", "Baum")).isEqualTo(valid("2.0.0", "B1", "Tree"));
    assertThat(inSystem(ANIMALS, null, "B1", "Bush")).isEqualTo(invalid("2.0.0", "B1", "Tree",
        error("invalid", "invalid-display", "Wrong Display Name 'Bush' for " + ANIMALS + "#B1. Valid display is one "
            + "of 2 choices: 'Tree' (en) or 'Baum' (de) (for the language(s) '--')", "Coding.display")));
  }

  private ValidateResult inGerman(String code, String display) {
    return validate(new ValidateRequest(null, List.of(coding(ANIMALS, null, code, display)), false, true, false, false,
        "de", VersionPolicy.NONE));
  }

  @Test
  void withADisplayLanguageTheDisplayInThatLanguageIsReportedAndRight() {
    assertThat(inGerman("B1", "Baum")).isEqualTo(valid("2.0.0", "B1", "Baum"));
    assertThat(inGerman("B1", "Bush")).isEqualTo(invalid("2.0.0", "B1", "Baum", error("invalid", "invalid-display",
        "Wrong Display Name 'Bush' for " + ANIMALS + "#B1. Valid display is 'Baum' (de) (for the language(s) 'de')",
        "Coding.display")));
  }

  @Test
  void withADisplayLanguageAConceptWithoutADisplayInItHasItsDefaultDisplay() {
    assertThat(inGerman("A11", "Dog")).isEqualTo(valid("2.0.0", "A11", "Dog", information("invalid",
        "invalid-display", "There are no valid display names found for the code " + ANIMALS + "#A11 for language(s) "
            + "'de'. The display is 'Dog' which is a valid display for the default language", "Coding.display")));
    assertThat(inGerman("A11", "Hund")).isEqualTo(invalid("2.0.0", "A11", "Dog", error("invalid", "invalid-display",
        "Wrong Display Name 'Hund' for " + ANIMALS + "#A11. There are no valid display names found for language(s) "
            + "'de'. Default display is 'Dog'", "Coding.display")));
  }

  @Test
  void withADisplayLanguageTheDefaultDisplayIsAWrongDisplayNotWrongWhitespace() {
    assertThat(inGerman("B1", "Tree")).isEqualTo(invalid("2.0.0", "B1", "Baum", error("invalid", "invalid-display",
        "Wrong Display Name 'Tree' for " + ANIMALS + "#B1. Valid display is 'Baum' (de) (for the language(s) 'de')",
        "Coding.display")));
  }

  @Test
  void theCodeParameterHasItsOwnExpressions() {
    ValidateRequest asCode = inCodeSystem(new CodedInput(ANIMALS, null, "A11", "Doggy", "code"), VersionPolicy.NONE);
    assertThat(validate(asCode).issues()).containsExactly(error("invalid", "invalid-display", "Wrong Display Name "
        + "'Doggy' for " + ANIMALS + "#A11. Valid display is 'Dog' (en) (for the language(s) '--')", "display"));
  }

  // ---- CodeSystem/$validate-code: unknown codes ----

  @Test
  void anUnknownCodeIsAnError() {
    ValidateResult result = inSystem(ANIMALS, null, "Z9", null);
    assertThat(result).isEqualTo(invalid("2.0.0", "Z9", null, unknownCode("Z9", "2.0.0", "")));
    assertThat(result.message()).isEqualTo("Unknown code 'Z9' in the CodeSystem '" + ANIMALS + "' version '2.0.0'");
  }

  @Test
  void aCodeDeletedInTheNewestReleaseNamesTheReleaseThatHasIt() {
    assertThat(inSystem(ANIMALS, null, "X", null)).isEqualTo(invalid("2.0.0", "X", null,
        unknownCode("X", "2.0.0", "; it is in version '1.0.0' of this code system")));
  }

  @Test
  void aCodeDeletedInTheReleaseTheCodingNamesHasNoHint() {
    assertThat(inSystem(ANIMALS, "2.0.0", "X", null)).isEqualTo(invalid("2.0.0", "X", null,
        unknownCode("X", "2.0.0", "")));
  }

  @Test
  void theReleaseTheCodingNamesIsTheOneUsed() {
    assertThat(inSystem(ANIMALS, "1.0.0", "X", "Extinct animal")).isEqualTo(valid("1.0.0", "X", "Extinct animal"));
    // A12 is retired in 2.0.0 only
    assertThat(inSystem(ANIMALS, "1.0.0", "A12", null)).isEqualTo(valid("1.0.0", "A12", "Cat"));
    assertThat(inSystem(ANIMALS, "1.x", "A12", null)).isEqualTo(valid("1.0.0", "A12", "Cat"));
  }

  @Test
  void anUnknownCodeInAFragmentIsOnlyAWarning() {
    ValidateResult result = inSystem(FRAGMENT, null, "F9", null);
    assertThat(result).isEqualTo(new ValidateResult(true, FRAGMENT, "1", "F9", null, false, List.of(
        EngineFixtures.issue("warning", "code-invalid", "invalid-code", "Unknown Code 'F9' in the CodeSystem '" + FRAGMENT
            + "' version '1' - note that the code system is labeled as a fragment, so the code may be valid in some "
            + "other fragment", "Coding.code", false)), List.of()));
    assertThat(result.message()).isNull();
    assertThat(inSystem(FRAGMENT, null, "F1", "First"))
        .isEqualTo(new ValidateResult(true, FRAGMENT, "1", "F1", "First", false, List.of(), List.of()));
  }

  // ---- CodeSystem/$validate-code: unknown versions and systems ----

  @Test
  void anUnknownVersionIsNotFoundAndTheNewestReleaseSaysWhatItKnows() {
    ValidateResult result = inSystem(ANIMALS, "3.0.0", "A11", null);
    assertThat(result).isEqualTo(new ValidateResult(false, ANIMALS, "2.0.0", "A11", "Dog", false, List.of(
        error("not-found", "not-found", "A definition for CodeSystem '" + ANIMALS + "' version '3.0.0' could not be "
            + "found, so the code cannot be validated. Valid versions: 1.0.0 or 2.0.0", "Coding.system")),
        List.of(ANIMALS + "|3.0.0")));
  }

  @Test
  void withDefaultToLatestVersionAnUnknownVersionIsAWarningAndTheNewestReleaseAnswers() {
    ValidateResult result = validate(inCodeSystem(coding(ANIMALS, "3.0.0", "A11", "Dog"), latest()));
    assertThat(result).isEqualTo(valid("2.0.0", "A11", "Dog", warning("not-found", "not-found", "A definition for "
        + "CodeSystem '" + ANIMALS + "' version '3.0.0' could not be found; the latest version '2.0.0' was used "
        + "instead (default-to-latest-version)", "Coding.version")));
  }

  @Test
  void defaultToLatestVersionLeavesAKnownVersionAlone() {
    assertThat(validate(inCodeSystem(coding(ANIMALS, "1.0.0", "X", null), latest())))
        .isEqualTo(valid("1.0.0", "X", "Extinct animal"));
  }

  @Test
  void withDefaultToLatestVersionACodeTheNewestReleaseLacksIsStillUnknown() {
    assertThat(validate(inCodeSystem(coding(ANIMALS, "3.0.0", "X", null), latest()))).isEqualTo(invalid("2.0.0", "X",
        null, warning("not-found", "not-found", "A definition for CodeSystem '" + ANIMALS + "' version '3.0.0' could "
            + "not be found; the latest version '2.0.0' was used instead (default-to-latest-version)", "Coding.version"),
        unknownCode("X", "2.0.0", "")));
  }

  @Test
  void anUnknownCodeSystemIsNotFound() {
    String none = "http://example.org/cs/none";
    assertThat(inSystem(none, null, "A11", null)).isEqualTo(new ValidateResult(false, none, null, "A11", null, false,
        List.of(error("not-found", "not-found", "A definition for CodeSystem '" + none + "' could not be found, so the "
            + "code cannot be validated", "Coding.system")), List.of(none)));
    // default-to-latest-version has no newest release to fall back on
    assertThat(validate(inCodeSystem(coding(none, "1", "A11", null), latest()))).isEqualTo(new ValidateResult(false,
        none, "1", "A11", null, false, List.of(error("not-found", "not-found", "A definition for CodeSystem '" + none
            + "' version '1' could not be found, so the code cannot be validated. No versions of this code system are "
            + "known", "Coding.system")), List.of(none)));
  }

  // ---- CodeSystem/$validate-code: the concept's status ----

  @Test
  void anAbstractCodeIsAnErrorWhereAbstractCodesAreNotAllowed() {
    ValidateRequest noAbstract = new ValidateRequest(null, List.of(coding(ANIMALS, null, "A", null)), false, false,
        false, false, null, VersionPolicy.NONE);
    assertThat(validate(noAbstract)).isEqualTo(invalid("2.0.0", "A", "Animal", error("business-rule", "code-rule",
        "Code '" + ANIMALS + "#A' is abstract, and not allowed in this context", "Coding.code")));
    assertThat(inSystem(ANIMALS, null, "A", null)).isEqualTo(valid("2.0.0", "A", "Animal"));
  }

  @Test
  void anInactiveCodeIsValidWithAWarningAndItsStatus() {
    assertThat(inSystem(ANIMALS, null, "A12", "Cat")).isEqualTo(new ValidateResult(true, ANIMALS, "2.0.0", "A12", "Cat",
        true, List.of(warning("business-rule", "code-comment", "The concept 'A12' has a status of retired and inactive "
            + "and its use should be reviewed", "Coding")), List.of(), List.of(), "retired", null));
  }

  @Test
  void aDeprecatedCodeIsValidWithAWarning() {
    assertThat(inSystem(ANIMALS, null, "A2", "Bird")).isEqualTo(new ValidateResult(true, ANIMALS, "2.0.0", "A2", "Bird",
        false, List.of(warning("business-rule", "code-comment", "The concept 'A2' is deprecated and its use should be "
            + "reviewed", "Coding")), List.of(), List.of(), "deprecated", null));
  }

  @Test
  void aCaseInsensitiveCodeSystemFindsTheCodeAndGivesItsCase() {
    assertThat(inSystem(LETTERS, null, "ab", null)).isEqualTo(new ValidateResult(true, LETTERS, "1", "ab", "A b", false,
        List.of(information("business-rule", "code-rule", "The code 'ab' differs from the correct code 'Ab' by case. "
            + "Although the code system '" + LETTERS + "|1' is case insensitive, implementers are strongly encouraged "
            + "to use the correct case anyway", "Coding.code")), List.of(), List.of(), null, "Ab"));
    // animals is case-sensitive
    assertThat(inSystem(ANIMALS, null, "a11", null)).isEqualTo(invalid("2.0.0", "a11", null,
        unknownCode("a11", "2.0.0", "")));
  }

  // ---- CodeSystem/$validate-code: requests ----

  @Test
  void aCodingWithoutACodeOrNoCodingAtAllIsAnInvalidRequest() {
    assertThat(EngineFixtures.failure(() -> inSystem(ANIMALS, null, " ", null)))
        .isEqualTo(new Failure(Problem.INVALID_REQUEST, "Coding.code", "No code given in Coding"));
    assertThat(EngineFixtures.failure(() -> validate(new ValidateRequest(null, List.of(), false, true, false, false,
        null, VersionPolicy.NONE)))).isEqualTo(new Failure(Problem.INVALID_REQUEST, "code", "No code to validate: "
            + "supply code and system, coding or codeableConcept"));
  }

  @Test
  void aCodeableConceptWithAValidCodingAndAnUnknownCodeIsNotValidButReportsTheValidCoding() {
    ValidateRequest cc = new ValidateRequest(null, List.of(
        new CodedInput(ANIMALS, null, "A11", "Dog", "CodeableConcept.coding[0]"),
        new CodedInput(ANIMALS, null, "Z9", null, "CodeableConcept.coding[1]")), true, true, false, false, null,
        VersionPolicy.NONE);
    assertThat(validate(cc)).isEqualTo(new ValidateResult(false, ANIMALS, "2.0.0", "A11", "Dog", false, List.of(
        error("code-invalid", "invalid-code", "Unknown code 'Z9' in the CodeSystem '" + ANIMALS + "' version '2.0.0'",
            "CodeableConcept.coding[1].code")), List.of(), List.of(), null, null));
  }

  @Test
  void aCodeableConceptWithAValidCodingMakesAnotherCodingsWrongDisplayAWarning() {
    ValidateRequest cc = new ValidateRequest(null, List.of(
        new CodedInput(ANIMALS, null, "A11", "Dog", "CodeableConcept.coding[0]"),
        new CodedInput(ANIMALS, null, "B1", "Bush", "CodeableConcept.coding[1]")), true, true, false, false, null,
        VersionPolicy.NONE);
    assertThat(validate(cc)).isEqualTo(new ValidateResult(true, ANIMALS, "2.0.0", "A11", "Dog", false, List.of(
        warning("invalid", "invalid-display", "Wrong Display Name 'Bush' for " + ANIMALS + "#B1. Valid display is one "
            + "of 2 choices: 'Tree' (en) or 'Baum' (de) (for the language(s) '--')",
            "CodeableConcept.coding[1].display")), List.of(), List.of(), null, null));
  }

  // ---- ValueSet/$validate-code ----

  @Test
  void aCodeOfTheValueSetIsValid() {
    assertThat(inStoredValueSet(MAMMALS_VS, ANIMALS, null, "A11", "Dog")).isEqualTo(valid("2.0.0", "A11", "Dog"));
  }

  @Test
  void aCodeOfTheCodeSystemButNotOfTheValueSetIsNotInIt() {
    assertThat(inStoredValueSet(MAMMALS_VS, ANIMALS, null, "B1", "Tree")).isEqualTo(invalid("2.0.0", "B1", "Tree",
        notInValueSet(ANIMALS + "#B1 ('Tree')", MAMMALS_VS + "|1")));
  }

  @Test
  void anUnknownCodeIsNeitherInTheValueSetNorInTheCodeSystem() {
    ValidateResult result = inStoredValueSet(MAMMALS_VS, ANIMALS, null, "Z9", null);
    assertThat(result).isEqualTo(invalid("2.0.0", "Z9", null, notInValueSet(ANIMALS + "#Z9", MAMMALS_VS + "|1"),
        unknownCode("Z9", "2.0.0", "")));
    assertThat(result.message()).isEqualTo("The provided code '" + ANIMALS + "#Z9' was not found in the value set '"
        + MAMMALS_VS + "|1'; Unknown code 'Z9' in the CodeSystem '" + ANIMALS + "' version '2.0.0'");
  }

  @Test
  void anAbstractCodeIsNotInTheValueSetWhereAbstractCodesAreNotAllowed() {
    ValidateRequest noAbstract = new ValidateRequest(vs(ANIMALS_VS), List.of(coding(ANIMALS, null, "A", null)), false,
        false, false, false, null, VersionPolicy.NONE);
    assertThat(validate(noAbstract)).isEqualTo(invalid("2.0.0", "A", "Animal",
        error("business-rule", "code-rule", "Code '" + ANIMALS + "#A' is abstract, and not allowed in this context",
            "Coding.code"),
        notInValueSet(ANIMALS + "#A", ANIMALS_VS + "|1")));
    assertThat(inStoredValueSet(ANIMALS_VS, ANIMALS, null, "A", null)).isEqualTo(valid("2.0.0", "A", "Animal"));
  }

  @Test
  void anInactiveCodeIsInAValueSetThatAllowsInactiveCodes() {
    assertThat(inStoredValueSet(ANIMALS_VS, ANIMALS, null, "A12", null)).isEqualTo(new ValidateResult(true, ANIMALS,
        "2.0.0", "A12", "Cat", true, List.of(warning("business-rule", "code-comment", "The concept 'A12' has a status "
            + "of retired and inactive and its use should be reviewed", "Coding")), List.of(), List.of(), "retired",
        null));
  }

  @Test
  void anInactiveCodeIsNotInAValueSetOfActiveCodesOnly() {
    assertThat(inStoredValueSet(ACTIVE_ANIMALS_VS, ANIMALS, null, "A12", null)).isEqualTo(new ValidateResult(false,
        ANIMALS, "2.0.0", "A12", "Cat", true, List.of(
            error("business-rule", "code-rule", "The concept 'A12' is valid but is not active", "Coding.code"),
            notInValueSet(ANIMALS + "#A12", ACTIVE_ANIMALS_VS + "|1"),
            warning("business-rule", "code-comment", "The concept 'A12' has a status of retired and inactive and its "
                + "use should be reviewed", "Coding")), List.of(), List.of(), "retired", null));
  }

  @Test
  void anInlineValueSetWithoutAUrlIsCalledUnidentified() {
    ValueSet inline = new ValueSet();
    inline.getCompose().addInclude(concepts(include(ANIMALS), "A11"));
    assertThat(validate(inValueSet(inline, coding(ANIMALS, null, "A2", null), VersionPolicy.NONE)))
        .isEqualTo(new ValidateResult(false, ANIMALS, "2.0.0", "A2", "Bird", false, List.of(
            notInValueSet(ANIMALS + "#A2", "(unidentified)"),
            warning("business-rule", "code-comment", "The concept 'A2' is deprecated and its use should be reviewed",
                "Coding")), List.of(), List.of(), "deprecated", null));
  }

  private ValidateResult codeableConceptInMammals(String first, String second) {
    return validate(new ValidateRequest(vs(MAMMALS_VS), List.of(
        new CodedInput(ANIMALS, null, first, null, "CodeableConcept.coding[0]"),
        new CodedInput(ANIMALS, null, second, null, "CodeableConcept.coding[1]")), true, true, false, false, null,
        VersionPolicy.NONE));
  }

  private static ValidationIssue otherCodingNotIn(String code, int n) {
    return information("code-invalid", "this-code-not-in-vs", "The provided code '" + ANIMALS + "#" + code + "' was not "
        + "found in the value set '" + MAMMALS_VS + "|1'", "CodeableConcept.coding[" + n + "].code");
  }

  @Test
  void aCodeableConceptWithOneCodingInTheValueSetIsValidAndTheOtherCodingIsOnlyNoted() {
    assertThat(codeableConceptInMammals("B1", "A11")).isEqualTo(new ValidateResult(true, ANIMALS, "2.0.0", "A11", "Dog",
        false, List.of(otherCodingNotIn("B1", 0)), List.of(), List.of(), null, null));
  }

  @Test
  void aCodeableConceptWithNoCodingInTheValueSetIsNotValidAndReportsNoConcept() {
    assertThat(codeableConceptInMammals("B1", "B")).isEqualTo(new ValidateResult(false, null, null, null, null, false,
        List.of(error("code-invalid", "not-in-vs", "No valid coding was found for the value set '" + MAMMALS_VS + "|1'",
            null), otherCodingNotIn("B1", 0), otherCodingNotIn("B", 1)), List.of()));
  }

  @Test
  void aValueSetIncludingAnOlderReleaseValidatesAgainstIt() {
    ValueSet older = valueSet("http://example.org/vs/older", concepts(include(ANIMALS).setVersion("1.0.0"), "X"));
    assertThat(validate(inValueSet(older, coding(ANIMALS, null, "X", "Extinct animal"), VersionPolicy.NONE)))
        .isEqualTo(valid("1.0.0", "X", "Extinct animal"));
    assertThat(validate(inValueSet(older, coding(ANIMALS, "2.0.0", "X", null), VersionPolicy.NONE)))
        .isEqualTo(invalid("1.0.0", "X", "Extinct animal", error("invalid", "vs-invalid", "The code system '" + ANIMALS
            + "' version '1.0.0' in the ValueSet include is different to the one in the value ('2.0.0')",
            "Coding.version")));
  }

  @Test
  void aCodingOfAnUnknownVersionAgainstAVersionlessIncludeIsNotFound() {
    ValidateResult result = validate(inValueSet(vs(MAMMALS_VS), coding(ANIMALS, "3.0.0", "A11", null),
        VersionPolicy.NONE));
    assertThat(result).isEqualTo(new ValidateResult(false, ANIMALS, "2.0.0", "A11", "Dog", false, List.of(
        error("not-found", "not-found", "A definition for CodeSystem '" + ANIMALS + "' version '3.0.0' could not be "
            + "found, so the code cannot be validated. Valid versions: 1.0.0 or 2.0.0", "Coding.system"),
        warning("invalid", "vs-invalid", "The code system '" + ANIMALS + "' version '2.0.0' for the versionless include "
            + "in the ValueSet include is different to the one in the value ('3.0.0')", "Coding.version")),
        List.of(ANIMALS + "|3.0.0")));
    // the note on the versionless include stays out of a failed answer's message
    assertThat(result.message()).isEqualTo("A definition for CodeSystem '" + ANIMALS + "' version '3.0.0' could not be "
        + "found, so the code cannot be validated. Valid versions: 1.0.0 or 2.0.0");
  }

  @Test
  void withDefaultToLatestVersionACodingOfAnUnknownVersionIsInTheValueSetWithWarnings() {
    assertThat(validate(inValueSet(vs(MAMMALS_VS), coding(ANIMALS, "3.0.0", "A11", null), latest())))
        .isEqualTo(valid("2.0.0", "A11", "Dog",
            warning("invalid", "vs-invalid", "The code system '" + ANIMALS + "' version '2.0.0' for the versionless "
                + "include in the ValueSet include is different to the one in the value ('3.0.0')", "Coding.version"),
            warning("not-found", "not-found", "A definition for CodeSystem '" + ANIMALS + "' version '3.0.0' could not "
                + "be found; the latest version '2.0.0' was used instead (default-to-latest-version)",
                "Coding.version")));
  }

  @Test
  void aKnownCodeOfAFragmentThatTheValueSetDoesNotListIsNotInIt() {
    assertThat(inStoredValueSet(FRAGMENT_LISTED_VS, FRAGMENT, null, "F2", null)).isEqualTo(new ValidateResult(false,
        FRAGMENT, "1", "F2", "Second", false, List.of(notInValueSet(FRAGMENT + "#F2", FRAGMENT_LISTED_VS + "|1")),
        List.of()));
  }

  @Test
  void anUnknownCodeOfAFragmentThatTheValueSetDoesNotListIsNotInIt() {
    assertThat(inStoredValueSet(FRAGMENT_LISTED_VS, FRAGMENT, null, "F9", null)).isEqualTo(new ValidateResult(false,
        FRAGMENT, "1", "F9", null, false, List.of(notInValueSet(FRAGMENT + "#F9", FRAGMENT_LISTED_VS + "|1"),
            EngineFixtures.issue("warning", "code-invalid", "invalid-code", "Unknown Code 'F9' in the CodeSystem '"
                + FRAGMENT + "' version '1' - note that the code system is labeled as a fragment, so the code may be "
                + "valid in some other fragment", "Coding.code", false)), List.of()));
  }

  @Test
  void anUnknownCodeOfAFragmentIsOnlyAWarningInAValueSetOfTheWholeFragment() {
    ValueSet whole = valueSet("http://example.org/vs/fragment-all", include(FRAGMENT));
    assertThat(validate(inValueSet(whole, coding(FRAGMENT, null, "F9", null), VersionPolicy.NONE)))
        .isEqualTo(new ValidateResult(true, FRAGMENT, "1", "F9", null, false, List.of(EngineFixtures.issue("warning",
            "code-invalid", "invalid-code", "Unknown Code 'F9' in the CodeSystem '" + FRAGMENT + "' version '1' - note "
                + "that the code system is labeled as a fragment, so the code may be valid in some other fragment",
            "Coding.code", false)), List.of()));
  }
}
