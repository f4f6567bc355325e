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
import org.moltx.TestServer;

class TranslateHttpTest {
  static final String CPT = LookupHttpTest.CPT;
  static final String ICD = LookupHttpTest.ICD;
  static final String NUCC = "http://nucc.org/provider-taxonomy";
  static final String INDICATIONS = "http://moltx.org/fhir/ConceptMap/cpt-icd10cm-indications";
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
    assertThat(out.getParameterBool("result")).isTrue();
    assertThat(matches(out)).hasSize(11).allSatisfy(m -> {
      assertThat(part(m, "equivalence")).isEqualTo("relatedto");
      assertThat(part(m, "originMap")).startsWith(INDICATIONS);
      assertThat(part(m, "relationship")).isEqualTo("related-to");
    });
    assertThat(matches(out)).extracting(m -> concept(m).getCode()).contains("C92.41", "C92.10", "C94.21");
    assertThat(matches(out)).filteredOn(m -> concept(m).getCode().equals("C92.41")).singleElement()
        .satisfies(m -> assertThat(concept(m).getDisplay()).isEqualTo("Acute promyelocytic leukemia, in remission"));
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
    for (String[] c : new String[][] {{"C18.7", "C18"}, {"C43.9", "C43"}, {"C92.00", "C92.0"}}) {
      Parameters out = translate(ICD, c[0], CPT, true);
      assertThat(matches(out)).as(c[0]).singleElement().satisfies(m -> {
        assertThat(concept(m).getCode()).isEqualTo("81311");
        assertThat(m.getExtensionByUrl(AnswerWriter.VIA_ANCESTOR_EXTENSION).getValue())
            .isInstanceOfSatisfying(Coding.class, via -> assertThat(via.getCode()).isEqualTo(c[1]));
      });
      assertThat(out.getParameterValue("message").primitiveValue()).contains(c[1]);
    }
  }

  @Test
  void hierarchyCanBeTurnedOff() {
    HttpResponse<String> r = TestServer.get("/ConceptMap/$translate?system=" + ICD + "&code=C18.7&reverse=true&useHierarchy=false");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"valueBoolean\":false").doesNotContain("81311");
  }

  @Test
  void anUnmappedCodeIs200WithResultFalse() {
    HttpResponse<String> r = TestServer.get("/ConceptMap/$translate?system=" + ICD + "&code=J45.909&reverse=true");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"name\":\"result\",\"valueBoolean\":false").contains("J45.909");
  }

  @Test
  void instanceLevelTranslationUsesThatMapOnly() {
    HttpResponse<String> r = TestServer.get("/ConceptMap/cpt-related-codes/$translate?system=" + CPT + "&code=81455");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("81445").doesNotContain("C92");
    assertThat(TestServer.get("/ConceptMap/nope/$translate?system=" + CPT + "&code=81455").statusCode()).isEqualTo(404);
  }

  @Test
  void r5ParameterNamesAreAccepted() {
    HttpResponse<String> r = TestServer.post("/ConceptMap/$translate", """
        {"resourceType":"Parameters","parameter":[
          {"name":"sourceSystem","valueUri":"http://www.ama-assn.org/go/cpt"},{"name":"sourceCode","valueCode":"81311"},
          {"name":"targetSystem","valueUri":"http://hl7.org/fhir/sid/icd-10-cm"}]}""");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"code\":\"C43\"").contains("\"code\":\"C92.A\"");
  }

  @Test
  void missingCodeAndUnknownMapAreClientErrors() {
    assertThat(TestServer.get("/ConceptMap/$translate?system=" + CPT).statusCode()).isEqualTo(400);
    assertThat(TestServer.get("/ConceptMap/$translate?url=http://example.org/none&system=" + CPT + "&code=81455").statusCode())
        .isEqualTo(404);
    assertThat(TestServer.get("/ConceptMap/$translate?system=" + CPT + "&code=81455&wat=1").statusCode()).isEqualTo(400);
  }
}
