package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.engine.EngineFixtures.ANIMALS;
import static org.moltx.engine.EngineFixtures.ANIMAL_SOUNDS;
import static org.moltx.engine.EngineFixtures.COLOURS;
import static org.moltx.engine.EngineFixtures.CPT;
import static org.moltx.engine.EngineFixtures.ICD;
import static org.moltx.engine.EngineFixtures.NUCC;
import static org.moltx.engine.EngineFixtures.SOUNDS;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moltx.engine.EngineFixtures.Failure;
import org.moltx.model.CodingValue;
import org.moltx.store.TerminologyStore;

/** $translate through {@link Terminology#translate}: forward, reverse, through an ancestor, none; authored and embedded. */
class TranslateServiceTest {
  private static final String MAP = ANIMAL_SOUNDS + "|1";
  private static final String INDICATIONS = "http://moltx.org/fhir/ConceptMap/cpt-icd10cm-indications";
  private static final String SPECIALTIES = "http://moltx.org/fhir/ConceptMap/cpt-nucc-specialties";
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

  private TranslateResult translate(String system, String code, String targetSystem, boolean reverse,
      boolean viaHierarchy) {
    return new Terminology(store).translate(store, new TranslateRequest(code, system, null, null, null, null, null,
        targetSystem, reverse, viaHierarchy));
  }

  private TranslateResult translateWithMap(String code, String mapUrl, String mapVersion) {
    return new Terminology(store).translate(store, new TranslateRequest(code, ANIMALS, null, mapUrl, mapVersion, null,
        null, null, false, false));
  }

  private static TranslateResult matched(TranslateMatch... matches) {
    return new TranslateResult(true, null, List.of(matches));
  }

  private static TranslateMatch match(String equivalence, String system, String code, String display, String source,
      String comment) {
    return new TranslateMatch(equivalence, new CodingValue(system, code, display), source, comment, null);
  }

  private static final TranslateMatch WOOF = match("equivalent", SOUNDS, "woof", "Woof", MAP, null);
  private static final TranslateMatch BROWN = match("relatedto", COLOURS, "brown", "Brown", MAP, null);

  // ---- authored ----

  @Test
  void forwardGivesTheTargetsOfEveryGroupOfTheCode() {
    assertThat(translate(ANIMALS, "A11", null, false, false)).isEqualTo(matched(WOOF, BROWN));
  }

  @Test
  void aTargetSystemKeepsOnlyItsTargets() {
    assertThat(translate(ANIMALS, "A11", SOUNDS, false, false)).isEqualTo(matched(WOOF));
    assertThat(translate(ANIMALS, "A11", COLOURS, false, false)).isEqualTo(matched(BROWN));
  }

  @Test
  void aTargetIsGivenWithItsCodeSystemsDisplayNotTheMaps() {
    assertThat(translate(ANIMALS, "A1", null, false, false)).isEqualTo(matched(match("wider", SOUNDS, "noise", "Noise",
        MAP, "Mammals make some noise")));
  }

  @Test
  void reverseGivesTheSourcesOfTheTarget() {
    assertThat(translate(SOUNDS, "woof", null, true, false)).isEqualTo(matched(match("equivalent", ANIMALS, "A11", "Dog",
        MAP, null)));
    assertThat(translate(SOUNDS, "noise", ANIMALS, true, false)).isEqualTo(matched(match("wider", ANIMALS, "A1",
        "Mammal", MAP, "Mammals make some noise")));
  }

  @Test
  void aCodeWithoutAMappingHasNone() {
    assertThat(translate(ANIMALS, "A12", null, false, false)).isEqualTo(new TranslateResult(false,
        "No mappings found for code 'A12' in system '" + ANIMALS + "'", List.of()));
    assertThat(translate(SOUNDS, "purr", null, true, false)).isEqualTo(new TranslateResult(false,
        "No reverse mappings found for code 'purr' in system '" + SOUNDS + "'", List.of()));
    assertThat(translate(ANIMALS, "A11", "http://example.org/cs/other", false, false)).isEqualTo(new TranslateResult(
        false, "No mappings found for code 'A11' in system '" + ANIMALS + "'", List.of()));
  }

  @Test
  void throughTheHierarchyACodeBorrowsItsNearestMappedAncestorsMapping() {
    assertThat(translate(ANIMALS, "A12", null, false, true)).isEqualTo(new TranslateResult(true,
        "'A12' has no mapping of its own; 1 match(es) through its ancestor 'A1' (Mammal)", List.of(new TranslateMatch(
            "wider", new CodingValue(SOUNDS, "noise", "Noise"), MAP, "Mammals make some noise",
            new CodingValue(ANIMALS, "A1", "Mammal")))));
    // a code with a mapping of its own keeps it
    assertThat(translate(ANIMALS, "A11", null, false, true)).isEqualTo(matched(WOOF, BROWN));
    // no ancestor has a mapping
    assertThat(translate(ANIMALS, "B1", null, false, true)).isEqualTo(new TranslateResult(false,
        "No mappings found for code 'B1' in system '" + ANIMALS + "'", List.of()));
  }

  @Test
  void aNamedMapIsTheOnlyOneConsulted() {
    assertThat(translateWithMap("A11", ANIMAL_SOUNDS, null)).isEqualTo(matched(WOOF, BROWN));
    assertThat(translateWithMap("A11", ANIMAL_SOUNDS, "1")).isEqualTo(matched(WOOF, BROWN));
    assertThat(EngineFixtures.failure(() -> translateWithMap("A11", ANIMAL_SOUNDS, "2"))).isEqualTo(new Failure(
        Problem.UNKNOWN_RESOURCE, "url", "Unable to find ConceptMap '" + ANIMAL_SOUNDS + "|2'"));
    assertThat(EngineFixtures.failure(() -> translateWithMap("A11", "http://example.org/cm/none", null)))
        .isEqualTo(new Failure(Problem.UNKNOWN_RESOURCE, "url", "Unable to find ConceptMap 'http://example.org/cm/none'"));
  }

  @Test
  void aRequestWithoutCodeOrSystemIsInvalid() {
    assertThat(EngineFixtures.failure(() -> translate(ANIMALS, " ", null, false, false))).isEqualTo(new Failure(
        Problem.INVALID_REQUEST, "code", "No code given: supply code and system, coding or codeableConcept"));
    assertThat(EngineFixtures.failure(() -> translate(null, "A11", null, false, false))).isEqualTo(new Failure(
        Problem.INVALID_REQUEST, "system", "No system given for code 'A11'"));
  }

  // ---- embedded ----

  private static TranslateResult translateEmbedded(String system, String code, String targetSystem, boolean reverse,
      boolean viaHierarchy) {
    return embedded.translate(embedded.store(), new TranslateRequest(code, system, null, null, null, null, null,
        targetSystem, reverse, viaHierarchy));
  }

  @Test
  void cpt81311TranslatesForwardToTheSpecialtiesThatPerformIt() {
    String source = SPECIALTIES + "|2026.1";
    assertThat(translateEmbedded(CPT, "81311", NUCC, false, false)).isEqualTo(matched(
        match("relatedto", NUCC, "207ZP0105X", "Clinical Pathology/Laboratory Medicine Physician", source,
            "Clinical pathologists / laboratory medicine physicians direct the clinical laboratory performing the test "
                + "and may provide the interpretation (professional component)."),
        match("relatedto", NUCC, "207ZP0007X", "Molecular Genetic Pathology (Pathology) Physician", source,
            "Molecular genetic pathologists interpret and report molecular tests such as gene sequencing and variant "
                + "analysis."),
        match("relatedto", NUCC, "207ZP0102X", "Anatomic Pathology & Clinical Pathology Physician", source,
            "Pathologists certified in anatomic and clinical pathology review the tumour specimen and may interpret "
                + "and report molecular results.")));
  }

  @Test
  void cpt81311TranslatesForwardToItsIndicationsInTheMapsOrder() {
    TranslateResult result = translateEmbedded(CPT, "81311", ICD, false, false);
    assertThat(result.result()).isTrue();
    assertThat(result.message()).isNull();
    assertThat(result.matches()).extracting(m -> m.equivalence() + " " + m.concept().system() + "#" + m.concept().code()
        + " " + m.concept().display() + " " + m.source() + " " + m.via()).containsExactly(
            "relatedto " + ICD + "#C43 Malignant melanoma of skin " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C18 Malignant neoplasm of colon " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C19 Malignant neoplasm of rectosigmoid junction " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C20 Malignant neoplasm of rectum " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C92.0 Acute myeloblastic leukemia " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C92.4 Acute promyelocytic leukemia " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C92.5 Acute myelomonocytic leukemia " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C92.6 Acute myeloid leukemia with 11q23-abnormality " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C92.A Acute myeloid leukemia with multilineage dysplasia " + INDICATIONS
                + "|2026.1 null",
            "relatedto " + ICD + "#C93.0 Acute monoblastic/monocytic leukemia " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C94.0 Acute erythroid leukemia " + INDICATIONS + "|2026.1 null",
            "relatedto " + ICD + "#C94.2 Acute megakaryoblastic leukemia " + INDICATIONS + "|2026.1 null");
  }

  @Test
  void c9200TranslatesBackTo81311ThroughItsCategoryC920() {
    assertThat(translateEmbedded(ICD, "C92.00", null, true, true)).isEqualTo(new TranslateResult(true,
        "'C92.00' has no mapping of its own; 1 match(es) through its ancestor 'C92.0' (Acute myeloblastic leukemia)",
        List.of(new TranslateMatch("relatedto", new CodingValue(CPT, "81311", "NRAS gene analysis, variants in exon 2 "
            + "(codons 12 and 13) and exon 3 (codon 61)"), INDICATIONS + "|2026.1", "Acute myeloblastic leukemia (AML): "
            + "NRAS variants are frequent in acute myeloid leukemia; the result contributes to molecular "
            + "characterisation, prognosis and clonal monitoring. The category indicates every code below it.",
            new CodingValue(ICD, "C92.0", "Acute myeloblastic leukemia")))));
  }

  @Test
  void withoutTheHierarchyC9200HasNoMapping() {
    assertThat(translateEmbedded(ICD, "C92.00", null, true, false)).isEqualTo(new TranslateResult(false,
        "No reverse mappings found for code 'C92.00' in system '" + ICD + "'", List.of()));
  }

  @Test
  void c9201HasAMappingOfItsOwnWhichWinsOverItsCategorys() {
    assertThat(translateEmbedded(ICD, "C92.01", null, true, true)).isEqualTo(matched(new TranslateMatch("relatedto",
        new CodingValue(CPT, "81455", "Genomic sequencing panel, solid organ or hematolymphoid neoplasm or disorder, 51 "
            + "or more genes; DNA, or combined DNA and RNA, analysis"), INDICATIONS + "|2026.1", "Acute myeloblastic "
            + "leukemia in remission: a broad panel supports measurable residual disease assessment, remission "
            + "monitoring and relapse-risk assessment by detecting persistent or emergent clonal variants.", null)));
  }

  @Test
  void hypertensionIsNoIndicationOfAnyTest() {
    assertThat(translateEmbedded(ICD, "I10", null, true, true)).isEqualTo(new TranslateResult(false,
        "No reverse mappings found for code 'I10' in system '" + ICD + "'", List.of()));
  }
}
