package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.moltx.Answers;
import org.moltx.TestServer;

/** system-version / check-system-version / force-system-version against value sets that pin code system versions. */
class VersionRulesHttpTest {
  private static final String CS = "http://example.org/vr/cs";
  private final ca.uhn.fhir.parser.IParser parser = FhirContext.forR4Cached().newJsonParser();

  private static String codeSystem(String version) {
    return """
        {"resourceType":"CodeSystem","url":"%s","version":"%s","status":"active","content":"complete",
         "concept":[{"code":"a","display":"A %s"}]}""".formatted(CS, version, version);
  }

  private static String valueSet(String includeVersion) {
    String version = includeVersion == null ? "" : ",\"version\":\"" + includeVersion + "\"";
    return """
        {"resourceType":"ValueSet","url":"http://example.org/vr/vs","version":"1","status":"active",
         "compose":{"include":[{"system":"%s"%s}]}}""".formatted(CS, version);
  }

  /** Validates coding a (with codingVersion, may be null) against a value set including includeVersion. */
  private HttpResponse<String> validate(String includeVersion, String codingVersion, String rule) {
    String coding = "{\"system\":\"" + CS + "\",\"code\":\"a\""
        + (codingVersion == null ? "" : ",\"version\":\"" + codingVersion + "\"") + "}";
    return TestServer.post("/ValueSet/$validate-code", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/vr/vs"},
         {"name":"coding","valueCoding":%s}%s,
         {"name":"tx-resource","resource":%s},{"name":"tx-resource","resource":%s},
         {"name":"tx-resource","resource":%s}]}""".formatted(coding, rule == null ? "" : "," + rule,
        codeSystem("1.0.0"), codeSystem("1.2.0"), valueSet(includeVersion)));
  }

  private static String rule(String name, String version) {
    return "{\"name\":\"" + name + "\",\"valueCanonical\":\"" + CS + "|" + version + "\"}";
  }

  private Parameters parameters(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return parser.parseResource(Parameters.class, r.body());
  }

  private static List<String> issueTypes(Parameters out) {
    OperationOutcome oo = (OperationOutcome) out.getParameter("issues").getResource();
    return oo.getIssue().stream().map(i -> i.getDetails().getCodingFirstRep().getCode()).toList();
  }

  private static List<String> issueTexts(Parameters out) {
    OperationOutcome oo = (OperationOutcome) out.getParameter("issues").getResource();
    return oo.getIssue().stream().map(i -> i.getDetails().getText()).toList();
  }

  @Test
  void aCheckRuleTheValueSetsReleaseBreaksIsAVersionErrorInA200() {
    Parameters out = parameters(validate("1.2.0", "1.0.0", rule("check-system-version", "1.0.x")));
    assertThat(out.getParameterBool("result")).isFalse();
    assertThat(issueTypes(out)).containsExactly("version-error", "vs-invalid");
    assertThat(issueTexts(out).get(0)).isEqualTo("The version '1.2.0' is not allowed for system '" + CS
        + "': required to be '1.0.x' by a version-check parameter");
  }

  @Test
  void aCheckRuleJudgesTheReleaseAPatternFindsNotThePattern() {
    Parameters out = parameters(validate("1.x.x", null, rule("check-system-version", "1.0.x")));
    assertThat(issueTexts(out)).containsExactly("The version '1.2.0' is not allowed for system '" + CS
        + "': required to be '1.0.x' by a version-check parameter");
    // a coding version the pattern allows narrows it to a release the rule accepts
    assertThat(parameters(validate("1.x.x", "1.0.0", rule("check-system-version", "1.0.x")))
        .getParameterBool("result")).isTrue();
  }

  @Test
  void anIncludeVersionThatMatchesNoReleaseDiffersFromTheCodingsAndIsNotFound() {
    Parameters out = parameters(validate("1", "1.0.0", rule("check-system-version", "1.0.x")));
    assertThat(issueTypes(out)).containsExactly("vs-invalid", "not-found");
    assertThat(issueTexts(out).get(0)).isEqualTo("The code system '" + CS
        + "' version '1' in the ValueSet include is different to the one in the value ('1.0.0')");
    assertThat(out.getParameterValue("x-caused-by-unknown-system").primitiveValue()).isEqualTo(CS + "|1");
  }

  @Test
  void aRuleThatChoseTheVersionIsNamedInTheMismatch() {
    Parameters out = parameters(validate(null, "2.4.0", rule("force-system-version", "1.0.x")));
    assertThat(issueTexts(out).get(0)).isEqualTo("The code system '" + CS + "' version '1.0.x' resulting from the "
        + "version '' in the ValueSet include is different to the one in the value ('2.4.0')");
    assertThat(issueTypes(out)).containsExactly("vs-invalid", "not-found");
  }

  @Test
  void expandingUnderACheckRuleJudgesTheReleaseFound() {
    HttpResponse<String> r = TestServer.post("/ValueSet/$expand", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/vr/vs"},%s,
         {"name":"tx-resource","resource":%s},{"name":"tx-resource","resource":%s},
         {"name":"tx-resource","resource":%s}]}""".formatted(rule("check-system-version", "1.0.x"),
        codeSystem("1.0.0"), codeSystem("1.2.0"), valueSet("1.x.x")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Answers.issues(r.body())).containsExactly("error exception/version-error: The version '1.2.0' is not "
        + "allowed for system '" + CS + "': required to be '1.0.x' by a version-check parameter {VALUESET_VERSION_CHECK}");
    HttpResponse<String> missing = TestServer.post("/ValueSet/$expand", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/vr/vs"},
         {"name":"tx-resource","resource":%s},{"name":"tx-resource","resource":%s}]}""".formatted(
        codeSystem("1.0.0"), valueSet("1")));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Answers.issues(missing.body())).containsExactly("error not-found/not-found: A definition for CodeSystem '"
        + CS + "' version '1' could not be found, so the value set cannot be expanded. Valid versions: 1.0.0 "
        + "{UNKNOWN_CODESYSTEM_VERSION_EXP}");
  }

  @Test
  void aValueSetAskingForTwoVersionsNamesTheVersionOnEachConceptEvenWhenForcedToOne() {
    String mixed = """
        {"resourceType":"ValueSet","url":"http://example.org/vr/mixed","status":"active","compose":{"include":[
         {"system":"%s","version":"1.0.0","concept":[{"code":"a"}]},
         {"system":"%s","version":"1.2.0","concept":[{"code":"a"}]}]}}""".formatted(CS, CS);
    HttpResponse<String> r = TestServer.post("/ValueSet/$expand", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/vr/mixed"},%s,
         {"name":"tx-resource","resource":%s},{"name":"tx-resource","resource":%s},
         {"name":"tx-resource","resource":%s}]}""".formatted(rule("force-system-version", "1.0.x"),
        codeSystem("1.0.0"), codeSystem("1.2.0"), mixed));
    org.hl7.fhir.r4.model.ValueSet vs = parser.parseResource(org.hl7.fhir.r4.model.ValueSet.class, r.body());
    assertThat(vs.getExpansion().getContains()).extracting(c -> c.getVersion()).containsOnly("1.0.0");
  }

  @Test
  void anInactiveConceptsStatusIsReportedUnasked() {
    String cs = """
        {"resourceType":"CodeSystem","url":"http://example.org/vr/st","version":"1","status":"active",
         "content":"complete","property":[{"code":"status","uri":"http://hl7.org/fhir/concept-properties#status",
         "type":"code"}],"concept":[{"code":"a","display":"A"},{"code":"b","display":"B",
         "property":[{"code":"status","valueCode":"retired"}]}]}""";
    HttpResponse<String> r = TestServer.post("/ValueSet/$expand", """
        {"resourceType":"Parameters","parameter":[{"name":"valueSet","resource":{"resourceType":"ValueSet",
         "status":"active","compose":{"include":[{"system":"http://example.org/vr/st"}]}}},
         {"name":"tx-resource","resource":%s}]}""".formatted(cs));
    org.hl7.fhir.r4.model.ValueSet vs = parser.parseResource(org.hl7.fhir.r4.model.ValueSet.class, r.body());
    var contains = vs.getExpansion().getContains();
    assertThat(contains.get(0).getExtension()).isEmpty();
    assertThat(contains.get(1).getInactive()).isTrue();
    assertThat(contains.get(1).getExtensionFirstRep().getExtensionByUrl("value").getValue().primitiveValue())
        .isEqualTo("retired");
    assertThat(vs.getExpansion().getExtensionFirstRep().getExtensionByUrl("code").getValue().primitiveValue())
        .isEqualTo("status");
  }

  private static final String IMPORTED_V1 = """
      {"resourceType":"ValueSet","url":"http://example.org/vr/inner","version":"1","status":"active",
       "compose":{"include":[{"system":"%s","concept":[{"code":"a"}]}]}}""".formatted(CS);
  private static final String IMPORTED_V2 = """
      {"resourceType":"ValueSet","url":"http://example.org/vr/inner","version":"2","status":"active",
       "compose":{"include":[{"system":"%s","concept":[{"code":"b"}]}]}}""".formatted(CS);
  private static final String OUTER = """
      {"resourceType":"ValueSet","url":"http://example.org/vr/outer","version":"5","status":"active",
       "compose":{"include":[{"valueSet":["http://example.org/vr/inner"]}]}}""";

  private HttpResponse<String> expandOuter(String pin) {
    String cs = """
        {"resourceType":"CodeSystem","url":"%s","version":"1","status":"active","content":"complete",
         "concept":[{"code":"a","display":"A"},{"code":"b","display":"B"}]}""".formatted(CS);
    return TestServer.post("/ValueSet/$expand", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/vr/outer"},%s
         {"name":"tx-resource","resource":%s},{"name":"tx-resource","resource":%s},
         {"name":"tx-resource","resource":%s},{"name":"tx-resource","resource":%s}]}""".formatted(
        pin == null ? "" : "{\"name\":\"default-valueset-version\",\"valueCanonical\":\"http://example.org/vr/inner|"
            + pin + "\"},", cs, IMPORTED_V1, IMPORTED_V2, OUTER));
  }

  @Test
  void anExpansionNamesTheValueSetsItImportedAtTheVersionUsed() {
    HttpResponse<String> r = expandOuter(null);
    org.hl7.fhir.r4.model.ValueSet vs = parser.parseResource(org.hl7.fhir.r4.model.ValueSet.class, r.body());
    assertThat(vs.getExpansion().getParameter()).filteredOn(p -> p.getName().equals("used-valueset"))
        .extracting(p -> p.getValue().primitiveValue()).containsExactly("http://example.org/vr/inner|2");
    assertThat(vs.getExpansion().getContains()).extracting(c -> c.getCode()).containsExactly("b");
  }

  @Test
  void defaultValueSetVersionPinsAnImportThatNamesNoVersion() {
    org.hl7.fhir.r4.model.ValueSet vs = parser.parseResource(org.hl7.fhir.r4.model.ValueSet.class,
        expandOuter("1").body());
    assertThat(vs.getExpansion().getContains()).extracting(c -> c.getCode()).containsExactly("a");
    HttpResponse<String> wrong = expandOuter("3");
    assertThat(wrong.statusCode()).isEqualTo(404);
    // tx.fhir.org's words and message id for a pinned import that is not there
    assertThat(Answers.issues(wrong.body())).containsExactly("error not-found/not-found: Unable to find included value "
        + "set 'http://example.org/vr/inner' version '3' {VS_EXP_IMPORT_UNK_PINNED}");
  }

  /** Two releases of CS: 1.0.0 (a "A 1.0.0", b) and 1.2.0 (a "A 1.2.0", c). */
  private static final String RELEASE_1_0 = """
      {"resourceType":"CodeSystem","url":"%s","version":"1.0.0","status":"active","content":"complete",
       "concept":[{"code":"a","display":"A 1.0.0"},{"code":"b","display":"B"}]}""".formatted(CS);
  private static final String RELEASE_1_2 = """
      {"resourceType":"CodeSystem","url":"%s","version":"1.2.0","status":"active","content":"complete",
       "concept":[{"code":"a","display":"A 1.2.0"},{"code":"c","display":"C"}]}""".formatted(CS);

  /** Validates against a value set including both 1.0.0 (code a "A 1.0.0", b) and 1.2.0 (code a "A 1.2.0", c). */
  private Parameters validateOverloaded(String coding) {
    String v1 = RELEASE_1_0;
    String v2 = RELEASE_1_2;
    String both = """
        {"resourceType":"ValueSet","url":"http://example.org/vr/both","version":"1","status":"active",
         "compose":{"include":[{"system":"%s","version":"1.0.0"},{"system":"%s","version":"1.2.0"}]}}"""
        .formatted(CS, CS);
    return parameters(TestServer.post("/ValueSet/$validate-code", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/vr/both"},
         {"name":"coding","valueCoding":%s},{"name":"tx-resource","resource":%s},
         {"name":"tx-resource","resource":%s},{"name":"tx-resource","resource":%s}]}""".formatted(coding, v1, v2,
        both)));
  }

  @Test
  void aValueSetIncludingTwoVersionsAcceptsACodingThatEitherAccepts() {
    Parameters newest = validateOverloaded("{\"system\":\"" + CS + "\",\"code\":\"a\"}");
    assertThat(newest.getParameterBool("result")).isTrue();
    assertThat(newest.getParameterValue("version").primitiveValue()).isEqualTo("1.2.0");
    Parameters older = validateOverloaded("{\"system\":\"" + CS + "\",\"code\":\"a\",\"display\":\"A 1.0.0\"}");
    assertThat(older.getParameterBool("result")).isTrue();
    assertThat(older.getParameterValue("version").primitiveValue()).isEqualTo("1.0.0");
  }

  @Test
  void aCodingsVersionPicksItsIncludeAmongSeveral() {
    Parameters out = validateOverloaded("{\"system\":\"" + CS + "\",\"version\":\"1.2.0\",\"code\":\"b\"}");
    assertThat(out.getParameterBool("result")).isFalse();
    assertThat(issueTypes(out)).containsExactly("not-in-vs", "invalid-code");
    assertThat(issueTexts(out).get(0)).startsWith("The provided code '" + CS + "|1.2.0#b'");
  }

  /** Expands a value set with this compose over releases 1.0.0 (a "A 1.0.0", b) and 1.2.0 (a "A 1.2.0", c). */
  private org.hl7.fhir.r4.model.ValueSet expandOverloaded(String compose) {
    String v1 = RELEASE_1_0;
    String v2 = RELEASE_1_2;
    HttpResponse<String> r = TestServer.post("/ValueSet/$expand", """
        {"resourceType":"Parameters","parameter":[{"name":"valueSet","resource":{"resourceType":"ValueSet",
         "url":"http://example.org/vr/ov","status":"active","compose":%s}},
         {"name":"tx-resource","resource":%s},{"name":"tx-resource","resource":%s}]}""".formatted(compose, v1, v2));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return parser.parseResource(org.hl7.fhir.r4.model.ValueSet.class, r.body());
  }

  private static List<String> members(org.hl7.fhir.r4.model.ValueSet vs) {
    return vs.getExpansion().getContains().stream().map(c -> c.getCode() + "@" + c.getVersion()).toList();
  }

  @Test
  void twoVersionsOfASystemStayApartAndAnExcludeTakesOnlyItsVersion() {
    // (the order is the expansion's own: one code's versions side by side)
    String both = "{\"include\":[{\"system\":\"" + CS + "\",\"version\":\"1.0.0\"},{\"system\":\"" + CS
        + "\",\"version\":\"1.2.0\"}]";
    assertThat(members(expandOverloaded(both + "}")))
        .containsExactlyInAnyOrder("a@1.2.0", "c@1.2.0", "a@1.0.0", "b@1.0.0");
    assertThat(members(expandOverloaded(both + ",\"exclude\":[{\"system\":\"" + CS
        + "\",\"version\":\"1.0.0\",\"concept\":[{\"code\":\"a\"}]}]}")))
        .containsExactlyInAnyOrder("a@1.2.0", "c@1.2.0", "b@1.0.0");
  }

  @Test
  void versionsMatchMergesVersionsAndAnExcludeOfAnotherVersionMatchesByCode() {
    String merged = "{\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter\","
        + "\"extension\":[{\"url\":\"name\",\"valueCode\":\"versionsMatch\"},{\"url\":\"value\","
        + "\"valueString\":\"true\"}]}],\"include\":[{\"system\":\"" + CS + "\",\"version\":\"1.0.0\"},"
        + "{\"system\":\"" + CS + "\",\"version\":\"1.2.0\"}]}";
    org.hl7.fhir.r4.model.ValueSet vs = expandOverloaded(merged);
    assertThat(members(vs)).containsExactly("a@1.2.0", "b@1.0.0", "c@1.2.0");
    assertThat(vs.getExpansion().getContainsFirstRep().getDisplay()).isEqualTo("A 1.0.0");
    org.hl7.fhir.r4.model.ValueSet excluded = expandOverloaded("{\"include\":[{\"system\":\"" + CS
        + "\",\"version\":\"1.2.0\"}],\"exclude\":[{\"system\":\"" + CS + "\",\"version\":\"1.0.0\"}]}");
    assertThat(members(excluded)).containsExactly("c@1.2.0");
    assertThat(excluded.getExpansion().getParameter()).anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo("versionsMatch");
      assertThat(p.getValue().primitiveValue()).isEqualTo("true");
    });
  }
}
