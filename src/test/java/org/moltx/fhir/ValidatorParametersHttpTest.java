package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.moltx.Answers;
import org.moltx.TestServer;

/**
 * The parameters the HL7 validator sends besides the R4 ones (default-to-latest-version, profile-url, diagnostics,
 * mode, cache-id, _limit/_incomplete) and the terminology cache of $cache-control: accepted and honoured.
 */
class ValidatorParametersHttpTest {
  private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  private final IParser parser = FhirContext.forR4Cached().newJsonParser();

  /** What the HL7 validator 6.10.4 sends for one coding (BaseWorkerContext.validateOnServer2). */
  private static String validatorRequest(String coding, String extra) {
    return """
        {"resourceType":"Parameters","parameter":[
         {"name":"codeableConcept","valueCodeableConcept":{"coding":[%s]}},
         {"name":"displayLanguage","valueCode":"en"},
         {"name":"default-to-latest-version","valueBoolean":true},
         {"name":"profile-url","valueString":"http://hl7.org/fhir/ExpansionProfile/dc8fd4bc-091a-424a-8a3b-6198ef146891"},
         {"name":"mode","valueString":"lenient-display-validation"},
         {"name":"diagnostics","valueBoolean":true}%s]}""".formatted(coding, extra);
  }

  private Parameters ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return parser.parseResource(Parameters.class, r.body());
  }

  private static List<String> issues(Parameters out) {
    OperationOutcome oo = (OperationOutcome) out.getParameter("issues").getResource();
    return oo.getIssue().stream().map(i -> i.getSeverity().toCode() + " " + i.getDetails().getText()).toList();
  }

  @Test
  void theValidatorsRequestIsAnsweredWithDiagnostics() {
    Parameters out = ok(TestServer.post("/CodeSystem/$validate-code", validatorRequest(
        "{\"system\":\"" + ICD + "\",\"code\":\"C92.01\",\"display\":\"Acute myeloblastic leukemia, in remission\"}", "")));
    assertThat(out.getParameterBool("result")).isTrue();
    assertThat(out.getParameter("version").getValue().primitiveValue()).isEqualTo("2027");
    assertThat(out.getParameter("diagnostics").getValue().primitiveValue())
        .matches("moltx 0\\.1\\.0: POST CodeSystem/\\$validate-code; parameters: codeableConcept, displayLanguage, "
            + "default-to-latest-version, profile-url, mode, diagnostics; profile-url http://hl7.org/fhir/"
            + "ExpansionProfile/dc8fd4bc-091a-424a-8a3b-6198ef146891 names a client's parameter set; moltx holds no "
            + "expansion profiles, so it changes nothing; answered in \\d+\\.\\d ms");
  }

  @Test
  void modeLenientDisplayValidationMakesAWrongDisplayAWarning() {
    Parameters out = ok(TestServer.post("/CodeSystem/$validate-code", validatorRequest(
        "{\"system\":\"" + ICD + "\",\"code\":\"C92.01\",\"display\":\"AML in remission\"}", "")));
    assertThat(out.getParameterBool("result")).isTrue();
    assertThat(issues(out)).containsExactly("warning Wrong Display Name 'AML in remission' for " + ICD
        + "#C92.01. Valid display is 'Acute myeloblastic leukemia, in remission' (en) (for the language(s) 'en')");
  }

  @Test
  void anUnknownModeIsRefusedByName() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$validate-code?url=" + ICD + "&code=C92.01&mode=strict");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Answers.issues(r.body())).containsExactly(
        "error invalid: The parameter mode must be 'lenient-display-validation', not 'strict' @ mode");
  }

  @Test
  void defaultToLatestVersionAnswersAnUnknownVersionFromTheNewestRelease() {
    String coding = "{\"system\":\"" + ICD + "\",\"version\":\"2019\",\"code\":\"J45.909\"}";
    Parameters latest = ok(TestServer.post("/CodeSystem/$validate-code", validatorRequest(coding, "")));
    assertThat(latest.getParameterBool("result")).isTrue();
    assertThat(issues(latest)).containsExactly("warning A definition for CodeSystem '" + ICD + "' version '2019' could "
        + "not be found; the latest version '2027' was used instead (default-to-latest-version)");

    Parameters strict = ok(TestServer.get("/CodeSystem/$validate-code?url=" + ICD + "&version=2019&code=J45.909"));
    assertThat(strict.getParameterBool("result")).isFalse();
    assertThat(issues(strict)).containsExactly("error A definition for CodeSystem '" + ICD + "' version '2019' could "
        + "not be found, so the code cannot be validated. Valid versions: 2026 or 2027");
  }

  @Test
  void aCodeDeletedInTheNewestReleaseSaysWhichReleaseHasIt() {
    Parameters out = ok(TestServer.get("/CodeSystem/$validate-code?url=" + ICD + "&code=S23.420A"));
    assertThat(issues(out)).containsExactly("error Unknown code 'S23.420A' in the CodeSystem '" + ICD + "' version "
        + "'2027'; it is in version '2026' of this code system");
  }

  @Test
  void aBooleanThatIsNotOneIsRefusedByName() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$validate-code?url=" + ICD
        + "&code=C92.01&default-to-latest-version=yes");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Answers.issues(r.body())).containsExactly("error invalid: The parameter default-to-latest-version "
        + "must be true or false, not 'yes' @ default-to-latest-version");
  }

  @Test
  void aFormattingFlagThatIsNotABooleanIsRefusedByName() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=" + CPT + "&code=81455&_pretty=maybe");
    assertThat(r.statusCode()).isEqualTo(400);
    OperationOutcome oo = parser.parseResource(OperationOutcome.class, r.body());
    assertThat(oo.getIssueFirstRep().getDetails().getText())
        .isEqualTo("The parameter _pretty must be true or false, not 'maybe'");
  }

  @Test
  void aParameterNobodyDefinesIsStillRefused() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$validate-code?url=" + ICD + "&code=C92.01&colour=red");
    assertThat(r.statusCode()).isEqualTo(400);
    OperationOutcome oo = parser.parseResource(OperationOutcome.class, r.body());
    assertThat(oo.getIssueFirstRep().getDetails().getText()).isEqualTo("$validate-code does not accept the parameter "
        + "colour; it accepts abstract, check-system-version, code, codeSystem, codeableConcept, coding, date, "
        + "default-to-latest-version, display, displayLanguage, force-system-version, lenient-display-validation, mode, "
        + "system, system-version, url, useSupplement, version");
    assertThat(oo.getIssueFirstRep().getExpression()).extracting(Object::toString).containsExactly("colour");
  }

  @Test
  void anErrorAnswerHasOneDateHeader() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=" + ICD + "&code=C92.01&colour=red");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().allValues("date")).hasSize(1);
  }

  @Test
  void anIncompleteExpansionComesCutAndMarkedWhenTheClientAcceptsOne() {
    HttpResponse<String> refused = TestServer.get("/ValueSet/$expand?url=" + ICD + "?fhir_vs");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(Answers.issues(refused.body())).containsExactly("error too-costly: The value set '" + ICD + "?fhir_vs' "
        + "expansion has too many codes to produce (>1000): 98403 codes; use count (and offset) to page, or filter "
        + "{VALUESET_TOO_COSTLY}");
    ValueSet cut = parser.parseResource(ValueSet.class,
        TestServer.get("/ValueSet/$expand?url=" + ICD + "?fhir_vs&_limit=50&_incomplete=true&excludeNested=true").body());
    assertThat(cut.getExpansion().getContains()).hasSize(50);
    assertThat(cut.getExpansion().getTotal()).isGreaterThan(98_000);
    assertThat(cut.getExpansion().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/valueset-unclosed")
        .getValue().primitiveValue()).isEqualTo("true");
    HttpResponse<String> limited = TestServer.get("/ValueSet/$expand?url=" + ICD + "?fhir_vs&filter=fract&_limit=10");
    assertThat(limited.statusCode()).isEqualTo(422);
    assertThat(Answers.issues(limited.body())).containsExactly("error too-costly: The value set '" + ICD + "?fhir_vs' "
        + "expansion has too many codes to produce (>10): 20409 codes; use count (and offset) to page, or filter "
        + "{VALUESET_TOO_COSTLY}");
  }

  @Test
  void theOidOfIcd10cmFindsItsCodeSystemBySearch() {
    HttpResponse<String> r = TestServer.get("/CodeSystem?url=urn:oid:2.16.840.1.113883.6.90");
    org.hl7.fhir.r4.model.Bundle bundle = parser.parseResource(org.hl7.fhir.r4.model.Bundle.class, r.body());
    assertThat(bundle.getEntry()).extracting(e -> ((org.hl7.fhir.r4.model.CodeSystem) e.getResource()).getUrl()
        + "|" + ((org.hl7.fhir.r4.model.CodeSystem) e.getResource()).getVersion())
        .containsExactly(ICD + "|2027", ICD + "|2026");
  }

  /** A value set the client sent once is in scope of its later calls that name the cache. */
  @Test
  void aCacheStartedWithCacheControlKeepsTheClientsValueSet() {
    String vs = """
        {"resourceType":"ValueSet","url":"http://example.org/cc/vs","version":"1","status":"active",
         "compose":{"include":[{"system":"%s","concept":[{"code":"81455"}]}]}}""".formatted(CPT);
    Parameters started = ok(TestServer.post("/$cache-control", """
        {"resourceType":"Parameters","parameter":[{"name":"mode","valueCode":"start"},
         {"name":"tx-resource","resource":%s}]}""".formatted(vs)));
    String id = started.getParameter("cache-id").getValue().primitiveValue();
    HttpRequest.Builder validate = HttpRequest.newBuilder(URI.create(TestServer.fhirBase()
            + "/ValueSet/$validate-code?url=http://example.org/cc/vs&system=" + CPT + "&code=81455"))
        .header("Accept", "application/fhir+json").header("X-Cache-Id", id);
    assertThat(ok(TestServer.send(validate)).getParameterBool("result")).isTrue();
    assertThat(TestServer.get("/ValueSet/$validate-code?url=http://example.org/cc/vs&system=" + CPT + "&code=81455")
        .statusCode()).isEqualTo(404);

    Parameters checked = ok(TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.fhirBase() + "/$cache-control"))
        .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json").header("X-Cache-Id", id)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"mode\",\"valueCode\":\"check\"}]}"))));
    assertThat(checked.getParameter("resources").getValue().primitiveValue()).isEqualTo("1");
    assertThat(checked.getParameter("sealed").getValue().primitiveValue()).isEqualTo("true");

    TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.fhirBase() + "/$cache-control"))
        .header("Content-Type", "application/fhir+json").header("X-Cache-Id", id)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"mode\",\"valueCode\":\"end\"}]}")));
    HttpResponse<String> ended = TestServer.send(validate);
    assertThat(ended.statusCode()).isEqualTo(404);
    assertThat(Answers.issues(ended.body())).containsExactly("error not-found/cache-id-unknown: The terminology "
        + "cache '" + id + "' is not known (never started, ended, or unused for 30 minutes): start a new one");
  }

  /** The older form: a client-chosen cache-id, made on first use, keeps what each call sends. */
  @Test
  void theCacheIdParameterKeepsTxResourcesBetweenCalls() {
    String cacheId = "validator-" + System.nanoTime();
    String cs = """
        {"resourceType":"CodeSystem","url":"http://example.org/cc/cs","version":"1","status":"active",
         "content":"complete","concept":[{"code":"x","display":"Ex"}]}""";
    ok(TestServer.post("/CodeSystem/$validate-code", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/cc/cs"},
         {"name":"code","valueCode":"x"},{"name":"cache-id","valueId":"%s"},
         {"name":"tx-resource","resource":%s}]}""".formatted(cacheId, cs)));
    Parameters later = ok(TestServer.get("/CodeSystem/$validate-code?url=http://example.org/cc/cs&code=x&display=Ex"
        + "&cache-id=" + cacheId));
    assertThat(later.getParameterBool("result")).isTrue();
    assertThat(later.getParameter("display").getValue().primitiveValue()).isEqualTo("Ex");
  }
}
