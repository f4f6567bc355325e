package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.moltx.Answers;
import org.moltx.TestServer;

class ValidateExpandSubsumesHttpTest {
  static final String ICD = LookupHttpTest.ICD;
  static final String CPT = LookupHttpTest.CPT;
  private final ca.uhn.fhir.parser.IParser parser = FhirContext.forR4Cached().newJsonParser();

  private Parameters parameters(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return parser.parseResource(Parameters.class, r.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void theSeedsLabelForC9241IsAnErrorThatNamesTheOfficialTitle() {
    Parameters out = parameters(TestServer.get("/CodeSystem/$validate-code?url=" + ICD + "&code=C92.41&display="
        + enc("Chronic lymphocytic leukemia of B-cell, not in remission")));
    String wrong = "Wrong Display Name 'Chronic lymphocytic leukemia of B-cell, not in remission' for " + ICD
        + "#C92.41. Valid display is 'Acute promyelocytic leukemia, in remission' (en) (for the language(s) '--')";
    assertThat(Answers.lines(out)).containsExactly(
        "code=C92.41",
        "display=Acute promyelocytic leukemia, in remission",
        "issues=OperationOutcome",
        "  error invalid/invalid-display: " + wrong + " @ display {Display_Name_for__should_be_one_of__instead_of}",
        "message=" + wrong,
        "result=false",
        "system=" + ICD,
        "version=2027");
  }

  @Test
  void aCptDisplayMismatchIsOnlyAWarningAndLenientDisplayValidationSoftensIcd() {
    Parameters cpt = parameters(TestServer.get("/CodeSystem/$validate-code?url=" + CPT + "&code=81455&display="
        + enc("Targeted genomic sequence analysis panel")));
    assertThat(cpt.getParameterBool("result")).isTrue();
    assertThat(((OperationOutcome) cpt.getParameter("issues").getResource()).getIssueFirstRep().getSeverity())
        .isEqualTo(OperationOutcome.IssueSeverity.WARNING);
    Parameters lenient = parameters(TestServer.post("/CodeSystem/$validate-code", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://hl7.org/fhir/sid/icd-10-cm"},
         {"name":"code","valueCode":"C92.41"},{"name":"display","valueString":"wrong"},
         {"name":"lenient-display-validation","valueBoolean":true}]}"""));
    assertThat(lenient.getParameterBool("result")).isTrue();
  }

  @Test
  void anUndottedIcdCodeIsNotValidAndTheMessageNamesTheDottedOne() {
    Parameters out = parameters(TestServer.get("/CodeSystem/$validate-code?url=" + ICD + "&code=C9210"));
    String unknown = "Unknown code 'C9210' in the CodeSystem '" + ICD + "' version '2027'; ICD-10-CM codes are written "
        + "with a dot: did you mean 'C92.10' (Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission)?";
    assertThat(Answers.lines(out)).containsExactly(
        "code=C9210",
        "issues=OperationOutcome",
        "  error code-invalid/invalid-code: " + unknown + " @ code {Unknown_Code_in_Version}",
        "message=" + unknown,
        "result=false",
        "system=" + ICD,
        "version=2027");
  }

  @Test
  void anUnknownSystemIsAResultNamingIt() {
    String noDefinition = "A definition for CodeSystem 'http://example.org/x' could not be found, so the code cannot be "
        + "validated";
    String notInVs = "The provided code 'http://example.org/x#1' was not found in the value set "
        + "'http://moltx.org/fhir/ValueSet/cpt-81455-indications|2026.1'";
    // the value set does not use that system, so the code is not in it whatever the system says: x-unknown-system,
    // not x-caused-by-unknown-system; each finding carries the ecosystem's message id, which clients match
    Parameters out = parameters(TestServer.get("/ValueSet/$validate-code?url="
        + enc("http://moltx.org/fhir/ValueSet/cpt-81455-indications") + "&system=http://example.org/x&code=1"));
    assertThat(Answers.lines(out)).containsExactly(
        "code=1",
        "issues=OperationOutcome",
        "  error code-invalid/not-in-vs: " + notInVs + " @ code {None_of_the_provided_codes_are_in_the_value_set_one}",
        "  error not-found/not-found: " + noDefinition + " @ system {UNKNOWN_CODESYSTEM}",
        "message=" + noDefinition + "; " + notInVs,
        "result=false",
        "system=http://example.org/x",
        "x-unknown-system=http://example.org/x");
    // without a value set, the unknown system is why the code could not be validated
    Parameters cs = parameters(TestServer.get("/CodeSystem/$validate-code?system=http://example.org/x&code=1"));
    assertThat(Answers.lines(cs)).containsExactly(
        "code=1",
        "issues=OperationOutcome",
        "  error not-found/not-found: " + noDefinition + " @ system {UNKNOWN_CODESYSTEM}",
        "message=" + noDefinition,
        "result=false",
        "system=http://example.org/x",
        "x-caused-by-unknown-system=http://example.org/x");
  }

  @Test
  void headAnswersAsGetWithoutABody() {
    String path = "/CodeSystem/$lookup?system=" + ICD + "&code=C92.10";
    HttpResponse<String> get = TestServer.get(path);
    HttpResponse<String> head = TestServer.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(TestServer.fhirBase() + path)).header("Accept", "application/fhir+json").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
    HttpResponse<String> unknown = TestServer.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(TestServer.fhirBase() + "/CodeSystem/$lookup?system=" + ICD + "&code=NOPE"))
        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void membershipOnlyReportsNothingButMembership() {
    String vs = enc("http://moltx.org/fhir/ValueSet/cpt-81455-indications");
    Parameters out = parameters(TestServer.get("/ValueSet/$validate-code?url=" + vs + "&system=" + ICD
        + "&code=C92.10&display=wrong&valueset-membership-only=true"));
    assertThat(out.getParameterBool("result")).isTrue();
    assertThat(out.getParameter("display")).isNull();
    assertThat(out.getParameter("issues")).isNull();
    Parameters full = parameters(TestServer.get("/ValueSet/$validate-code?url=" + vs + "&system=" + ICD
        + "&code=C92.10&display=wrong"));
    assertThat(full.getParameterBool("result")).isFalse();
  }

  @Test
  void valueSetMembershipFollowsTheIcdHierarchyAndVersions() {
    String vs = enc("http://moltx.org/fhir/ValueSet/cpt-81311-indications");
    assertThat(parameters(TestServer.get("/ValueSet/$validate-code?url=" + vs + "&system=" + ICD + "&code=C18.7"))
        .getParameterBool("result")).isTrue();
    assertThat(parameters(TestServer.get("/ValueSet/$validate-code?url=" + vs + "&system=" + ICD + "&code=J45.909"))
        .getParameterBool("result")).isFalse();
    assertThat(parameters(TestServer.get("/ValueSet/$validate-code?url=" + vs + "&system=" + ICD
        + "&code=C78.31&systemVersion=2026")).getParameterBool("result")).isFalse();
  }

  @Test
  void filteredExpansionOfAllIcdPagesWithATotal() {
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?url=" + enc(ICD + "?fhir_vs")
        + "&filter=leukemia&count=20");
    assertThat(r.statusCode()).isEqualTo(200);
    ValueSet vs = parser.parseResource(ValueSet.class, r.body());
    assertThat(vs.getExpansion().getContains()).hasSize(20)
        .allSatisfy(c -> assertThat(c.getDisplay().toLowerCase()).contains("leuk"));
    assertThat(vs.getExpansion().getTotal()).isGreaterThan(20);
    ValueSet next = parser.parseResource(ValueSet.class, TestServer.get("/ValueSet/$expand?url=" + enc(ICD + "?fhir_vs")
        + "&filter=leukemia&count=20&offset=20").body());
    assertThat(next.getExpansion().getContainsFirstRep().getCode())
        .isNotEqualTo(vs.getExpansion().getContainsFirstRep().getCode());
  }

  @Test
  void anExpansionTooLargeWithoutCountIsRefusedNotTruncated() {
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?url=" + enc(ICD + "?fhir_vs"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Answers.issues(r.body())).containsExactly("error too-costly: The value set '" + ICD + "?fhir_vs' "
        + "expansion has too many codes to produce (>1000): 98403 codes; use count (and offset) to page, or filter "
        + "{VALUESET_TOO_COSTLY}");
  }

  @Test
  void theIndicationsOf81311ExpandFromTheHierarchy() {
    ValueSet vs = parser.parseResource(ValueSet.class, TestServer.get("/ValueSet/cpt-81311-indications/$expand?excludeNested=true").body());
    // the listed codes and everything below them, J45.909 (not listed) nowhere
    assertThat(vs.getExpansion().getContains()).extracting(c -> c.getCode()).containsExactly(
        "C43", "C43.0", "C43.1", "C43.10", "C43.11", "C43.111", "C43.112", "C43.12", "C43.121", "C43.122",
        "C43.2", "C43.20", "C43.21", "C43.22", "C43.3", "C43.30", "C43.31", "C43.39", "C43.4", "C43.5",
        "C43.51", "C43.52", "C43.59", "C43.6", "C43.60", "C43.61", "C43.62", "C43.7", "C43.70", "C43.71",
        "C43.72", "C43.8", "C43.9",
        "C18", "C18.0", "C18.1", "C18.2", "C18.3", "C18.4", "C18.5", "C18.6", "C18.7", "C18.8",
        "C18.9",
        "C19",
        "C20",
        "C92.0", "C92.00", "C92.01", "C92.02", "C92.4", "C92.40", "C92.41", "C92.42", "C92.5", "C92.50",
        "C92.51", "C92.52", "C92.6", "C92.60", "C92.61", "C92.62", "C92.A", "C92.A0", "C92.A1", "C92.A2",
        "C93.0", "C93.00", "C93.01", "C93.02",
        "C94.0", "C94.00", "C94.01", "C94.02", "C94.2", "C94.20", "C94.21", "C94.22");
    assertThat(vs.getExpansion().getTotal()).isEqualTo(vs.getExpansion().getContains().size());
  }

  @Test
  void subsumesFollowsTheIcdHierarchy() {
    assertThat(parameters(TestServer.get("/CodeSystem/$subsumes?system=" + ICD + "&codeA=C92&codeB=C92.01"))
        .getParameterValue("outcome").primitiveValue()).isEqualTo("subsumes");
    assertThat(parameters(TestServer.get("/CodeSystem/$subsumes?system=" + ICD + "&codeA=C92.01&codeB=C92"))
        .getParameterValue("outcome").primitiveValue()).isEqualTo("subsumed-by");
    assertThat(parameters(TestServer.get("/CodeSystem/$subsumes?system=" + ICD + "&codeA=C18&codeB=C92"))
        .getParameterValue("outcome").primitiveValue()).isEqualTo("not-subsumed");
    assertThat(TestServer.get("/CodeSystem/$subsumes?system=" + ICD + "&codeA=C18").statusCode()).isEqualTo(400);
  }

  @Test
  void txResourcesServeOneRequestOnly() {
    String cs = """
        {"resourceType":"CodeSystem","url":"http://example.org/cs","version":"1","status":"active","content":"complete",
         "concept":[{"code":"a","display":"A"}]}""";
    HttpResponse<String> r = TestServer.post("/CodeSystem/$validate-code", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/cs"},
         {"name":"code","valueCode":"a"},{"name":"tx-resource","resource":%s}]}""".formatted(cs));
    assertThat(parameters(r).getParameterBool("result")).isTrue();
    assertThat(TestServer.get("/CodeSystem?url=http://example.org/cs").body()).doesNotContain("example.org/cs\"");
  }
}
