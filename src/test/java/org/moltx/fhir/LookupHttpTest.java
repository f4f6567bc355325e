package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.moltx.Answers;
import org.moltx.TestServer;

class LookupHttpTest {
  static final String CPT = "http://www.ama-assn.org/go/cpt";
  static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  static final String PREFERRED = "http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra#preferredForLanguage"
      + " \"Preferred For Language\"";
  static final String ACCEPTED = "it accepts code, coding, date, displayLanguage, property, system, useSupplement, version";
  private final IGenericClient client = TestServer.client();

  private Parameters lookup(String system, String code, String version) {
    Parameters in = new Parameters();
    in.addParameter("system", new UriType(system)).addParameter("code", new CodeType(code));
    if (version != null) {
      in.addParameter("version", new StringType(version));
    }
    return client.operation().onType(CodeSystem.class).named("$lookup").withParameters(in).execute();
  }

  static String string(Parameters p, String name) {
    return p.getParameter(name) == null ? null : p.getParameter(name).getValue().primitiveValue();
  }

  static List<ParametersParameterComponent> properties(Parameters p, String code) {
    return p.getParameter().stream().filter(pp -> pp.getName().equals("property"))
        .filter(pp -> code.equals(pp.getPart().get(0).getValue().primitiveValue())).toList();
  }

  @Test
  void lookupOfCptGenomicPanelGivesOurParaphraseAndItsFacts() {
    Parameters out = lookup(CPT, "81455", null);
    assertThat(string(out, "version")).isEqualTo("2026");
    assertThat(string(out, "display")).startsWith("Genomic sequencing panel, solid organ or hematolymphoid neoplasm");
    assertThat(properties(out, "gene-count")).singleElement()
        .satisfies(p -> assertThat(p.getPart().get(1).getValue().primitiveValue()).isEqualTo("51+"));
    assertThat(properties(out, "usual-modifier")).extracting(p -> ((Coding) p.getPart().get(1).getValue()).getCode())
        .containsExactlyInAnyOrder("26", "TC");
  }

  @Test
  void lookupOfIcd10CmGivesOfficialTitleShortTitleAndHierarchy() {
    Parameters out = lookup(ICD, "C92.01", "2026");
    assertThat(string(out, "display")).isEqualTo("Acute myeloblastic leukemia, in remission");
    assertThat(string(out, "version")).isEqualTo("2026");
    assertThat(properties(out, "parent")).singleElement()
        .satisfies(p -> assertThat(p.getPart().get(1).getValue().primitiveValue()).isEqualTo("C92.0"));
    assertThat(properties(out, "billable")).singleElement()
        .satisfies(p -> assertThat(p.getPart().get(1).getValue().primitiveValue()).isEqualTo("true"));
    assertThat(out.getParameter().stream().filter(p -> p.getName().equals("designation")))
        .anySatisfy(d -> assertThat(d.getPart()).anySatisfy(part ->
            assertThat(part.getValue().primitiveValue()).isEqualTo("Acute myeloblastic leukemia, in remission")));
  }

  @Test
  void headersAreAbstractWithChildren() {
    Parameters out = lookup(ICD, "C92.0", null);
    assertThat(string(out, "abstract")).isEqualTo("true");
    assertThat(properties(out, "child")).extracting(p -> p.getPart().get(1).getValue().primitiveValue())
        .containsExactly("C92.00", "C92.01", "C92.02");
  }

  @Test
  void versionSelectsTheReleaseAndNoVersionMeansTheNewest() {
    assertThat(string(lookup(ICD, "C78.31", null), "version")).isEqualTo("2027");
    assertThatThrownBy(() -> lookup(ICD, "C78.31", "2026")).isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("C78.31");
    assertThat(string(lookup(ICD, "S23.420A", "2026"), "display"))
        .isEqualTo("Sprain of sternoclavicular (joint) (ligament), initial encounter");
    assertThatThrownBy(() -> lookup(ICD, "S23.420A", null)).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void dateSelectsTheReleaseInEffect() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=" + ICD + "&code=C92.01&date=2026-03-01");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Answers.lines(r.body())).containsExactly(
        "code=C92.01",
        "system=" + ICD,
        "name=ICD10CM",
        "version=2026",
        "display=Acute myeloblastic leukemia, in remission",
        "abstract=false",
        "designation:",
        "  language=en",
        "  use=http://moltx.org/fhir/CodeSystem/designation-use#short-title \"Short title\"",
        "  value=Acute myeloblastic leukemia, in remission",
        "designation:",
        "  language=en",
        "  use=" + PREFERRED,
        "  value=Acute myeloblastic leukemia, in remission",
        "property:",
        "  code=parent",
        "  value=C92.0",
        "  description=Acute myeloblastic leukemia",
        "property:",
        "  code=inactive",
        "  value=false",
        "property:",
        "  code=billable",
        "  value=true");
  }

  @Test
  void registeredOidIsAcceptedAsTheSystem() {
    Parameters out = lookup("urn:oid:2.16.840.1.113883.6.90", "C92.10", null);
    assertThat(string(out, "display")).isEqualTo("Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission");
  }

  @Test
  void nuccAndPlaceOfServiceUseTheOfficialNames() {
    assertThat(string(lookup("http://nucc.org/provider-taxonomy", "207ZP0102X", null), "display"))
        .isEqualTo("Anatomic Pathology & Clinical Pathology Physician");
    assertThat(string(lookup("https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set", "81", null),
        "display")).isEqualTo("Independent Laboratory");
  }

  @Test
  void unknownCodeIs404NamingTheDottedFormForAnUndottedIcdCode() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=" + ICD + "&code=C9210");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Answers.issues(r.body())).containsExactly("error not-found/not-found: Unknown code 'C9210' in the "
        + "CodeSystem '" + ICD + "' version '2027'; ICD-10-CM codes are written with a dot: did you mean 'C92.10' "
        + "(Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission)? {UNKNOWN_CODESYSTEM_VERSION}");
  }

  @Test
  void unknownSystemIs404() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=http://example.org/nope&code=1");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Answers.issues(r.body())).containsExactly("error not-found/not-found: A definition for CodeSystem "
        + "'http://example.org/nope' could not be found, so the code cannot be validated {UNKNOWN_CODESYSTEM}");
  }

  @Test
  void missingSystemAndUnknownParametersAre400() {
    assertThatThrownBy(() -> lookup("", "81455", null)).isInstanceOf(InvalidRequestException.class);
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=" + CPT + "&code=81455&colour=blue");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Answers.issues(r.body()))
        .containsExactly("error invalid: $lookup does not accept the parameter colour; " + ACCEPTED + " @ colour");
    HttpResponse<String> posted = TestServer.post("/CodeSystem/$lookup", """
        {"resourceType":"Parameters","parameter":[{"name":"system","valueUri":"http://www.ama-assn.org/go/cpt"},
         {"name":"code","valueCode":"81455"},{"name":"sytem","valueUri":"typo"}]}""");
    assertThat(posted.statusCode()).isEqualTo(400);
    assertThat(Answers.issues(posted.body()))
        .containsExactly("error invalid: $lookup does not accept the parameter sytem; " + ACCEPTED + " @ sytem");
  }

  @Test
  void codingAndConflictingCodeAreChecked() {
    HttpResponse<String> ok = TestServer.post("/CodeSystem/$lookup", """
        {"resourceType":"Parameters","parameter":[{"name":"coding","valueCoding":{"system":"http://www.ama-assn.org/go/cpt","code":"26"}}]}""");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Answers.lines(ok.body())).containsExactly(
        "code=26",
        "system=" + CPT,
        "name=CPT",
        "version=2026",
        "display=Professional component",
        "abstract=false",
        "designation:",
        "  use=" + PREFERRED,
        "  value=Professional component",
        "property:",
        "  code=inactive",
        "  value=false",
        "property:",
        "  code=kind",
        "  value=modifier",
        "property:",
        "  code=section",
        "  value=Modifiers",
        "property:",
        "  code=modifier",
        "  value=true",
        "property:",
        "  code=modified",
        "  value=false");
    HttpResponse<String> conflict = TestServer.post("/CodeSystem/$lookup", """
        {"resourceType":"Parameters","parameter":[{"name":"code","valueCode":"81311"},
         {"name":"coding","valueCoding":{"system":"http://www.ama-assn.org/go/cpt","code":"26"}}]}""");
    assertThat(conflict.statusCode()).isEqualTo(400);
    assertThat(Answers.issues(conflict.body()))
        .containsExactly("error invalid: Both code and coding are given, with different codes @ coding");
  }

  @Test
  void requestedPropertiesOnly() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=" + CPT + "&code=81311&property=gene");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Answers.lines(r.body())).containsExactly(
        "code=81311",
        "system=" + CPT,
        "name=CPT",
        "version=2026",
        "display=NRAS gene analysis, variants in exon 2 (codons 12 and 13) and exon 3 (codon 61)",
        "abstract=false",
        "property:",
        "  code=gene",
        "  value=http://www.genenames.org/geneId#HGNC:7989 \"NRAS\"");
  }

  @Test
  void xmlIsServedToo() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=" + CPT + "&code=81455&_format=xml");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("<Parameters");
  }
}
