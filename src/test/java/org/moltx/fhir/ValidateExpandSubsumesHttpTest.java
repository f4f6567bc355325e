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
    assertThat(out.getParameterBool("result")).isFalse();
    assertThat(out.getParameterValue("message").primitiveValue()).contains("Acute promyelocytic leukemia, in remission");
    OperationOutcome issues = (OperationOutcome) out.getParameter("issues").getResource();
    assertThat(issues.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    assertThat(issues.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-display");
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
    assertThat(out.getParameterBool("result")).isFalse();
    assertThat(out.getParameterValue("message").primitiveValue()).contains("C92.10");
  }

  @Test
  void anUnknownSystemIsAResultNamingIt() {
    Parameters out = parameters(TestServer.get("/ValueSet/$validate-code?url="
        + enc("http://moltx.org/fhir/ValueSet/cpt-81455-indications") + "&system=http://example.org/x&code=1"));
    assertThat(out.getParameterBool("result")).isFalse();
    // the value set does not use that system, so the code is not in it whatever the system says
    assertThat(out.getParameterValue("x-unknown-system").primitiveValue()).isEqualTo("http://example.org/x");
    assertThat(out.getParameter("x-caused-by-unknown-system")).isNull();
    // without a value set, the unknown system is why the code could not be validated
    Parameters cs = parameters(TestServer.get("/CodeSystem/$validate-code?system=http://example.org/x&code=1"));
    assertThat(cs.getParameterBool("result")).isFalse();
    assertThat(cs.getParameterValue("x-caused-by-unknown-system").primitiveValue()).isEqualTo("http://example.org/x");
    // each finding carries the ecosystem's message id, which clients match instead of the wording
    org.hl7.fhir.r4.model.OperationOutcome oo = (org.hl7.fhir.r4.model.OperationOutcome) cs.getParameter("issues").getResource();
    assertThat(oo.getIssue()).extracting(i -> i.getExtensionString(
        "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id")).contains("UNKNOWN_CODESYSTEM");
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
    assertThat(r.body()).contains("too-costly").contains("count");
  }

  @Test
  void theIndicationsOf81311ExpandFromTheHierarchy() {
    ValueSet vs = parser.parseResource(ValueSet.class, TestServer.get("/ValueSet/cpt-81311-indications/$expand?excludeNested=true").body());
    assertThat(vs.getExpansion().getContains()).extracting(c -> c.getCode()).contains("C18.7", "C43.9", "C92.00")
        .doesNotContain("J45.909");
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
