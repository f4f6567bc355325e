package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.moltx.Answers;
import org.moltx.TestServer;

class TranslateHttpTest {
  static final String CPT = LookupHttpTest.CPT;
  static final String ICD = LookupHttpTest.ICD;
  static final String NUCC = "http://nucc.org/provider-taxonomy";
  static final String INDICATIONS = "http://moltx.org/fhir/ConceptMap/cpt-icd10cm-indications";
  static final String RELATED = "http://moltx.org/fhir/ConceptMap/cpt-related-codes";
  static final String NRAS = "NRAS gene analysis, variants in exon 2 (codons 12 and 13) and exon 3 (codon 61)";
  private final IGenericClient client = TestServer.client();

  private Parameters translate(String system, String code, String targetSystem, boolean reverse) {
    Parameters in = new Parameters();
    in.addParameter("system", new UriType(system)).addParameter("code", new CodeType(code));
    if (targetSystem != null) {
      in.addParameter("targetsystem", new UriType(targetSystem));
    }
    if (reverse) {
      in.addParameter("reverse", new BooleanType(true));
    }
    return client.operation().onType(ConceptMap.class).named("$translate").withParameters(in).execute();
  }

  static List<ParametersParameterComponent> matches(Parameters p) {
    return p.getParameter().stream().filter(pp -> pp.getName().equals("match")).toList();
  }

  static Coding concept(ParametersParameterComponent match) {
    return (Coding) match.getPart().stream().filter(p -> p.getName().equals("concept")).findFirst().orElseThrow().getValue();
  }

  static String part(ParametersParameterComponent match, String name) {
    return match.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue().primitiveValue();
  }

  @Test
  void forwardTranslationOf81455GivesTheElevenIndicationsWithOfficialTitles() {
    Parameters out = translate(CPT, "81455", ICD, false);
    assertThat(Answers.lines(out)).containsExactly(
        "result=true",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.01 \"Acute myeloblastic leukemia, in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.41 \"Acute promyelocytic leukemia, in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.51 \"Acute myelomonocytic leukemia, in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.61 \"Acute myeloid leukemia with 11q23-abnormality in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.Z1 \"Other myeloid leukemia, in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.91 \"Myeloid leukemia, unspecified in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C93.01 \"Acute monoblastic/monocytic leukemia, in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C94.01 \"Acute erythroid leukemia, in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C94.21 \"Acute megakaryoblastic leukemia, in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.10 \"Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.11 \"Chronic myeloid leukemia, BCR/ABL-positive, in remission\"",
        "  originMap=" + INDICATIONS + "|2026.1");
  }

  @Test
  void relatedCptCodesAreNarrowerOrRelated() {
    Parameters out = translate(CPT, "81455", CPT, false);
    assertThat(matches(out)).extracting(m -> concept(m).getCode() + ":" + part(m, "equivalence"))
        .containsExactlyInAnyOrder("81445:narrower", "81450:narrower", "81449:relatedto", "81451:relatedto", "81456:relatedto");
  }

  @Test
  void reverseTranslationReturnsEverySourceSharingATarget() {
    Parameters out = translate(NUCC, "207ZP0105X", CPT, true);
    assertThat(matches(out)).extracting(m -> concept(m).getCode()).containsExactlyInAnyOrder("81455", "81311");
  }

  @Test
  void reverseTranslationOfAListedDiagnosisFinds81455() {
    Parameters out = translate(ICD, "C92.41", null, true);
    assertThat(matches(out)).extracting(m -> concept(m).getCode()).containsExactly("81455");
    assertThat(out.getParameter("message")).isNull();
  }

  @Test
  void reverseTranslationWalksUpTheIcdHierarchyAndSaysWhichAncestorCarriedIt() {
    for (String[] c : new String[][] {
        {"C18.7", "C18", "Malignant neoplasm of colon"}, {"C43.9", "C43", "Malignant melanoma of skin"},
        {"C92.00", "C92.0", "Acute myeloblastic leukemia"}}) {
      Parameters out = translate(ICD, c[0], CPT, true);
      assertThat(matches(out)).as(c[0]).singleElement().satisfies(m -> {
        assertThat(concept(m).getCode()).isEqualTo("81311");
        assertThat(m.getExtensionByUrl(AnswerWriter.VIA_ANCESTOR_EXTENSION).getValue())
            .isInstanceOfSatisfying(Coding.class, via -> assertThat(via.getCode()).isEqualTo(c[1]));
      });
      assertThat(Answers.lines(out)).as(c[0]).containsExactly(
          "result=true",
          "message='" + c[0] + "' has no mapping of its own; 1 match(es) through its ancestor '" + c[1] + "' (" + c[2] + ")",
          "match:", "  equivalence=relatedto", "  relationship=related-to",
          "  concept=" + CPT + "#81311 \"" + NRAS + "\"",
        "  originMap=" + INDICATIONS + "|2026.1");
    }
  }

  @Test
  void hierarchyCanBeTurnedOff() {
    HttpResponse<String> r = TestServer.get("/ConceptMap/$translate?system=" + ICD + "&code=C18.7&reverse=true&useHierarchy=false");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Answers.lines(r.body())).containsExactly("result=false",
        "message=No reverse mappings found for code 'C18.7' in system '" + ICD + "'");
  }

  @Test
  void anUnmappedCodeIs200WithResultFalse() {
    HttpResponse<String> r = TestServer.get("/ConceptMap/$translate?system=" + ICD + "&code=J45.909&reverse=true");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Answers.lines(r.body())).containsExactly("result=false",
        "message=No reverse mappings found for code 'J45.909' in system '" + ICD + "'");
  }

  @Test
  void instanceLevelTranslationUsesThatMapOnly() {
    HttpResponse<String> r = TestServer.get("/ConceptMap/cpt-related-codes/$translate?system=" + CPT + "&code=81455");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Answers.lines(r.body())).containsExactly(
        "result=true",
        "match:", "  equivalence=narrower", "  relationship=source-is-broader-than-target",
        "  concept=" + CPT + "#81445 \"Genomic sequencing panel, solid organ neoplasm, 5 to 50 genes; DNA, or combined DNA and RNA, analysis\"",
        "  originMap=" + RELATED + "|2026.1",
        "match:", "  equivalence=narrower", "  relationship=source-is-broader-than-target",
        "  concept=" + CPT + "#81450 \"Genomic sequencing panel, hematolymphoid neoplasm or disorder, 5 to 50 genes; DNA, or combined DNA and RNA, analysis\"",
        "  originMap=" + RELATED + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + CPT + "#81449 \"Genomic sequencing panel, solid organ neoplasm, 5 to 50 genes; RNA analysis\"",
        "  originMap=" + RELATED + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + CPT + "#81451 \"Genomic sequencing panel, hematolymphoid neoplasm or disorder, 5 to 50 genes; RNA analysis\"",
        "  originMap=" + RELATED + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + CPT + "#81456 \"Genomic sequencing panel, solid organ or hematolymphoid neoplasm or disorder, 51 or more genes; RNA analysis\"",
        "  originMap=" + RELATED + "|2026.1");
    assertThat(TestServer.get("/ConceptMap/nope/$translate?system=" + CPT + "&code=81455").statusCode()).isEqualTo(404);
  }

  @Test
  void r5ParameterNamesAreAccepted() {
    HttpResponse<String> r = TestServer.post("/ConceptMap/$translate", """
        {"resourceType":"Parameters","parameter":[
          {"name":"sourceSystem","valueUri":"http://www.ama-assn.org/go/cpt"},{"name":"sourceCode","valueCode":"81311"},
          {"name":"targetSystem","valueUri":"http://hl7.org/fhir/sid/icd-10-cm"}]}""");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Answers.lines(r.body())).containsExactly(
        "result=true",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C43 \"Malignant melanoma of skin\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C18 \"Malignant neoplasm of colon\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C19 \"Malignant neoplasm of rectosigmoid junction\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C20 \"Malignant neoplasm of rectum\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.0 \"Acute myeloblastic leukemia\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.4 \"Acute promyelocytic leukemia\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.5 \"Acute myelomonocytic leukemia\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.6 \"Acute myeloid leukemia with 11q23-abnormality\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C92.A \"Acute myeloid leukemia with multilineage dysplasia\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C93.0 \"Acute monoblastic/monocytic leukemia\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C94.0 \"Acute erythroid leukemia\"",
        "  originMap=" + INDICATIONS + "|2026.1",
        "match:", "  equivalence=relatedto", "  relationship=related-to",
        "  concept=" + ICD + "#C94.2 \"Acute megakaryoblastic leukemia\"",
        "  originMap=" + INDICATIONS + "|2026.1");
  }

  @Test
  void missingCodeAndUnknownMapAreClientErrors() {
    assertThat(TestServer.get("/ConceptMap/$translate?system=" + CPT).statusCode()).isEqualTo(400);
    assertThat(TestServer.get("/ConceptMap/$translate?url=http://example.org/none&system=" + CPT + "&code=81455").statusCode())
        .isEqualTo(404);
    assertThat(TestServer.get("/ConceptMap/$translate?system=" + CPT + "&code=81455&wat=1").statusCode()).isEqualTo(400);
  }
}
