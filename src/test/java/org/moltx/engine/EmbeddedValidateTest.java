package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.engine.EngineFixtures.CPT;
import static org.moltx.engine.EngineFixtures.ICD;
import static org.moltx.engine.EngineFixtures.coding;
import static org.moltx.engine.EngineFixtures.error;
import static org.moltx.engine.EngineFixtures.inCodeSystem;
import static org.moltx.engine.EngineFixtures.inValueSet;
import static org.moltx.engine.EngineFixtures.latest;
import static org.moltx.engine.EngineFixtures.warning;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moltx.store.TerminologyStore;

/** $validate-code through {@link Terminology#validate} over the embedded content: ICD-10-CM 2026/2027 and the CPT fragment. */
class EmbeddedValidateTest {
  private static final String AML_IN_REMISSION = "Acute myeloblastic leukemia, in remission";
  private static final String AML_NOT_IN_REMISSION = "Acute myeloblastic leukemia, not having achieved remission";
  private static final String NRAS = "NRAS gene analysis, variants in exon 2 (codons 12 and 13) and exon 3 (codon 61)";
  private static final String INDICATIONS_81311 = "http://moltx.org/fhir/ValueSet/cpt-81311-indications";
  private static final String INDICATIONS_81455 = "http://moltx.org/fhir/ValueSet/cpt-81455-indications";

  private static Terminology terminology;
  private static TerminologyStore store;

  @BeforeAll
  static void load() {
    terminology = EngineFixtures.embedded();
    store = terminology.store();
  }

  @AfterAll
  static void release() {
    terminology = null;
    store = null;
  }

  private static ValidateResult inSystem(String system, String version, String code, String display) {
    return terminology.validate(store, inCodeSystem(coding(system, version, code, display), VersionPolicy.NONE));
  }

  private static ValidateResult inValueSetOf(String url, String code, boolean abstractAllowed) {
    ValidateRequest request = new ValidateRequest(ValueSets.resolve(store, url, null),
        List.of(coding(ICD, null, code, null)), false, abstractAllowed, false, false, null, VersionPolicy.NONE);
    return terminology.validate(store, request);
  }

  private static ValidateResult icd(boolean result, String version, String code, String display,
      ValidationIssue... issues) {
    return new ValidateResult(result, ICD, version, code, display, false, List.of(issues), List.of());
  }

  private static ValidationIssue unknownIcdCode(String code, String hint) {
    return error("code-invalid", "invalid-code", "Unknown code '" + code + "' in the CodeSystem '" + ICD + "' version "
        + "'2027'" + hint, "Coding.code");
  }

  private static ValidationIssue notIn(String code, String valueSet) {
    return error("code-invalid", "not-in-vs", "The provided code '" + ICD + "#" + code + "' was not found in the value "
        + "set '" + valueSet + "|2026.1'", "Coding.code");
  }

  // ---- ICD-10-CM ----

  @Test
  void anIcd10cmCodeIsValidInTheNewestRelease() {
    assertThat(inSystem(ICD, null, "C92.01", AML_IN_REMISSION)).isEqualTo(icd(true, "2027", "C92.01", AML_IN_REMISSION));
  }

  @Test
  void theRegisteredOidOfIcd10cmIsTheSameCodeSystem() {
    assertThat(inSystem("urn:oid:2.16.840.1.113883.6.90", null, "C92.01", null))
        .isEqualTo(icd(true, "2027", "C92.01", AML_IN_REMISSION));
  }

  @Test
  void aWrongIcd10cmDisplayIsAnErrorThatNamesTheRightOne() {
    assertThat(inSystem(ICD, null, "C92.01", "AML in remission")).isEqualTo(icd(false, "2027", "C92.01",
        AML_IN_REMISSION, error("invalid", "invalid-display", "Wrong Display Name 'AML in remission' for " + ICD
            + "#C92.01. Valid display is '" + AML_IN_REMISSION + "' (en) (for the language(s) '--')", "Coding.display")));
  }

  @Test
  void anUndottedIcd10cmCodeIsUnknownWithAHintAtTheDottedOne() {
    ValidateResult result = inSystem(ICD, null, "C9201", null);
    assertThat(result).isEqualTo(icd(false, "2027", "C9201", null, unknownIcdCode("C9201",
        "; ICD-10-CM codes are written with a dot: did you mean 'C92.01' (" + AML_IN_REMISSION + ")?")));
    assertThat(result.message()).isEqualTo("Unknown code 'C9201' in the CodeSystem '" + ICD + "' version '2027'; "
        + "ICD-10-CM codes are written with a dot: did you mean 'C92.01' (" + AML_IN_REMISSION + ")?");
  }

  @Test
  void anUnknownIcd10cmCodeWithoutADottedFormHasNoHint() {
    assertThat(inSystem(ICD, null, "C99.99", null)).isEqualTo(icd(false, "2027", "C99.99", null,
        unknownIcdCode("C99.99", "")));
  }

  @Test
  void aCodeDeletedInIcd10cm2027SaysThat2026HasIt() {
    assertThat(inSystem(ICD, null, "S23.420A", null)).isEqualTo(icd(false, "2027", "S23.420A", null,
        unknownIcdCode("S23.420A", "; it is in version '2026' of this code system")));
    assertThat(inSystem(ICD, "2026", "S23.420A", null)).isEqualTo(icd(true, "2026", "S23.420A",
        "Sprain of sternoclavicular (joint) (ligament), initial encounter"));
  }

  @Test
  void anUnknownIcd10cmReleaseIsNotFound() {
    assertThat(inSystem(ICD, "2019", "J45.909", null)).isEqualTo(new ValidateResult(false, ICD, "2027", "J45.909",
        "Unspecified asthma, uncomplicated", false, List.of(error("not-found", "not-found", "A definition for "
            + "CodeSystem '" + ICD + "' version '2019' could not be found, so the code cannot be validated. Valid "
            + "versions: 2026 or 2027", "Coding.system")), List.of(ICD + "|2019")));
  }

  @Test
  void withDefaultToLatestVersionAnUnknownIcd10cmReleaseIsAWarningAnd2027Answers() {
    ValidateResult result = terminology.validate(store, inCodeSystem(coding(ICD, "2019", "J45.909", null), latest()));
    assertThat(result).isEqualTo(icd(true, "2027", "J45.909", "Unspecified asthma, uncomplicated",
        warning("not-found", "not-found", "A definition for CodeSystem '" + ICD + "' version '2019' could not be "
            + "found; the latest version '2027' was used instead (default-to-latest-version)", "Coding.version")));
    assertThat(result.message()).isEqualTo("A definition for CodeSystem '" + ICD + "' version '2019' could not be "
        + "found; the latest version '2027' was used instead (default-to-latest-version)");
  }

  // ---- CPT: a fragment with paraphrased displays ----

  @Test
  void aCptCodeIsValid() {
    assertThat(inSystem(CPT, null, "81311", NRAS))
        .isEqualTo(new ValidateResult(true, CPT, "2026", "81311", NRAS, false, List.of(), List.of()));
  }

  @Test
  void aWrongCptDisplayIsOnlyAWarning() {
    assertThat(inSystem(CPT, null, "81311", "NRAS gene analysis")).isEqualTo(new ValidateResult(true, CPT, "2026",
        "81311", NRAS, false, List.of(warning("invalid", "invalid-display", "Wrong Display Name 'NRAS gene analysis' "
            + "for " + CPT + "#81311. Valid display is '" + NRAS + "' (for the language(s) '--')", "Coding.display")),
        List.of()));
  }

  @Test
  void aCodeTheCptFragmentLacksIsOnlyAWarning() {
    assertThat(inSystem(CPT, null, "99999", null)).isEqualTo(new ValidateResult(true, CPT, "2026", "99999", null, false,
        List.of(EngineFixtures.issue("warning", "code-invalid", "invalid-code", "Unknown Code '99999' in the CodeSystem '"
            + CPT + "' version '2026' - note that the code system is labeled as a fragment, so the code may be valid "
            + "in some other fragment", "Coding.code", false)), List.of()));
  }

  // ---- the authored value sets ----

  @Test
  void aCodeBelowAnIsAFilterRootIsInThe81311Indications() {
    assertThat(inValueSetOf(INDICATIONS_81311, "C92.00", true))
        .isEqualTo(icd(true, "2027", "C92.00", AML_NOT_IN_REMISSION));
    assertThat(inValueSetOf(INDICATIONS_81311, "C18.7", true))
        .isEqualTo(icd(true, "2027", "C18.7", "Malignant neoplasm of sigmoid colon"));
  }

  @Test
  void aHeaderOfThe81311IndicationsIsInThemOnlyWhereAbstractCodesAreAllowed() {
    assertThat(inValueSetOf(INDICATIONS_81311, "C92.0", true))
        .isEqualTo(icd(true, "2027", "C92.0", "Acute myeloblastic leukemia"));
    assertThat(inValueSetOf(INDICATIONS_81311, "C92.0", false)).isEqualTo(icd(false, "2027", "C92.0",
        "Acute myeloblastic leukemia",
        error("business-rule", "code-rule", "Code '" + ICD + "#C92.0' is abstract, and not allowed in this context",
            "Coding.code"),
        notIn("C92.0", INDICATIONS_81311)));
  }

  @Test
  void aCodeOutsideEveryFilterRootIsNotInThe81311Indications() {
    assertThat(inValueSetOf(INDICATIONS_81311, "I10", true)).isEqualTo(icd(false, "2027", "I10",
        "Essential (primary) hypertension", notIn("I10", INDICATIONS_81311)));
  }

  @Test
  void onlyTheListedCodesAreInThe81455Indications() {
    assertThat(inValueSetOf(INDICATIONS_81455, "C92.01", true))
        .isEqualTo(icd(true, "2027", "C92.01", AML_IN_REMISSION));
    assertThat(inValueSetOf(INDICATIONS_81455, "C92.00", true)).isEqualTo(icd(false, "2027", "C92.00",
        AML_NOT_IN_REMISSION, notIn("C92.00", INDICATIONS_81455)));
  }

  @Test
  void anUndottedCodeIsNeitherInTheValueSetNorInIcd10cm() {
    assertThat(inValueSetOf(INDICATIONS_81455, "C9201", true)).isEqualTo(icd(false, "2027", "C9201", null,
        notIn("C9201", INDICATIONS_81455), unknownIcdCode("C9201",
            "; ICD-10-CM codes are written with a dot: did you mean 'C92.01' (" + AML_IN_REMISSION + ")?")));
  }
}
