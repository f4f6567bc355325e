package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/**
 * Every parameter $expand and $validate-code accept is honoured, or refused by name: exclude-system, date,
 * excludeNotForUI, excludePostCoordinated and includeDefinition do what the FHIR specification says, context and
 * contextDirection are a 400, and expansion.parameter echoes only what was applied.
 */
class ExpandParametersHttpTest {
  private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final String VS_81455 = "http://moltx.org/fhir/ValueSet/cpt-81455-indications";
  private static final List<String> CODES_81455 = List.of("C92.01", "C92.41", "C92.51", "C92.61", "C92.Z1", "C92.91",
      "C93.01", "C94.01", "C94.21", "C92.10", "C92.11");
  private final IParser parser = FhirContext.forR4Cached().newJsonParser();

  private ValueSet expand(String query) {
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?" + query.replace("|", "%7C"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return parser.parseResource(ValueSet.class, r.body());
  }

  private Parameters validate(String path) {
    HttpResponse<String> r = TestServer.get(path.replace("|", "%7C"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return parser.parseResource(Parameters.class, r.body());
  }

  /** The status and the one issue of an error answer: "400 not-supported [context] text". */
  private String refusal(HttpResponse<String> r) {
    OperationOutcome oo = parser.parseResource(OperationOutcome.class, r.body());
    OperationOutcome.OperationOutcomeIssueComponent issue = oo.getIssueFirstRep();
    return r.statusCode() + " " + issue.getCode().toCode() + " "
        + issue.getExpression().stream().map(org.hl7.fhir.r4.model.StringType::getValue).toList() + " "
        + issue.getDetails().getText();
  }

  /** The codes, in order, a nested one as parent>child. */
  private static List<String> tree(List<ValueSetExpansionContainsComponent> contains) {
    List<String> out = new ArrayList<>();
    for (ValueSetExpansionContainsComponent c : contains) {
      out.add(c.getCode());
      tree(c.getContains()).forEach(child -> out.add(c.getCode() + ">" + child));
    }
    return out;
  }

  private static List<String> parameters(ValueSet vs) {
    return vs.getExpansion().getParameter().stream().map(p -> p.getName() + "=" + p.getValue().primitiveValue()).toList();
  }

  private static List<String> issues(Parameters out) {
    if (out.getParameter("issues") == null) {
      return List.of();
    }
    OperationOutcome oo = (OperationOutcome) out.getParameter("issues").getResource();
    return oo.getIssue().stream().map(i -> i.getSeverity().toCode() + " " + i.getDetails().getText()).toList();
  }

  @Test
  void excludeSystemLeavesThatCodeSystemOut() {
    ValueSet all = expand("url=" + VS_81455);
    assertThat(tree(all.getExpansion().getContains())).containsExactlyElementsOf(CODES_81455);
    assertThat(parameters(all)).containsExactly("used-codesystem=" + ICD + "|2027");

    ValueSet none = expand("url=" + VS_81455 + "&exclude-system=" + ICD);
    assertThat(none.getExpansion().getContains()).isEmpty();
    assertThat(none.getExpansion().getTotal()).isZero();
    assertThat(parameters(none)).containsExactly("exclude-system=" + ICD);
  }

  @Test
  void excludeSystemWithAVersionLeavesOnlyThatReleaseOut() {
    ValueSet other = expand("url=" + VS_81455 + "&exclude-system=" + ICD + "|2026");
    assertThat(tree(other.getExpansion().getContains())).containsExactlyElementsOf(CODES_81455);
    assertThat(parameters(other)).containsExactly("exclude-system=" + ICD + "|2026", "used-codesystem=" + ICD + "|2027");

    ValueSet used = expand("url=" + VS_81455 + "&exclude-system=" + ICD + "|2027");
    assertThat(used.getExpansion().getContains()).isEmpty();
    assertThat(parameters(used)).containsExactly("exclude-system=" + ICD + "|2027");
  }

  @Test
  void aMalformedExcludeSystemIsRefusedByName() {
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?url=" + VS_81455 + "&exclude-system=%7C2026");
    assertThat(refusal(r)).isEqualTo("400 invalid [exclude-system] exclude-system must be a code system url, or "
        + "url|version, not '|2026'");
  }

  @Test
  void dateChoosesTheReleaseInEffectOnThatDay() {
    ValueSet fy2026 = expand("url=" + ICD + "?fhir_vs=isa/S23.420&date=2026-03-01");
    assertThat(tree(fy2026.getExpansion().getContains()))
        .containsExactly("S23.420", "S23.420>S23.420A", "S23.420>S23.420D", "S23.420>S23.420S");
    assertThat(parameters(fy2026)).containsExactly("date=2026-03-01", "used-codesystem=" + ICD + "|2026");

    // deleted in FY2027, which is in effect from 1 October 2026
    ValueSet fy2027 = expand("url=" + ICD + "?fhir_vs=isa/S23.420&date=2026-11-01");
    assertThat(fy2027.getExpansion().getContains()).isEmpty();
    assertThat(parameters(fy2027)).containsExactly("date=2026-11-01", "used-codesystem=" + ICD + "|2027");
  }

  @Test
  void aDateNoReleaseIsInEffectOnIsAnErrorAndAMalformedOneA400() {
    HttpResponse<String> before = TestServer.get("/ValueSet/$expand?url=" + VS_81455 + "&date=2024-06-01");
    assertThat(refusal(before)).isEqualTo("404 not-found [] No version of CodeSystem '" + ICD + "' is in effect on "
        + "2024-06-01");
    HttpResponse<String> malformed = TestServer.get("/ValueSet/$expand?url=" + VS_81455 + "&date=yesterday");
    assertThat(refusal(malformed)).isEqualTo("400 invalid [date] The parameter date must be a FHIR dateTime such as "
        + "2026-10-01, not 'yesterday'");
  }

  @Test
  void excludeNotForUiLeavesOutTheHeadersThatCannotBeSelected() {
    ValueSet ui = expand("url=" + ICD + "?fhir_vs=isa/C92.0");
    assertThat(tree(ui.getExpansion().getContains())).containsExactly("C92.0", "C92.0>C92.00", "C92.0>C92.01",
        "C92.0>C92.02");
    assertThat(ui.getExpansion().getContainsFirstRep().getAbstract()).isTrue();

    ValueSet selectable = expand("url=" + ICD + "?fhir_vs=isa/C92.0&excludeNotForUI=true");
    assertThat(tree(selectable.getExpansion().getContains())).containsExactly("C92.00", "C92.01", "C92.02");
    assertThat(selectable.getExpansion().getTotal()).isEqualTo(3);
    assertThat(parameters(selectable)).containsExactly("excludeNotForUI=true", "used-codesystem=" + ICD + "|2027");
  }

  @Test
  void excludePostCoordinatedIsHonouredAsItStandsAndMustBeABoolean() {
    ValueSet vs = expand("url=" + VS_81455 + "&excludePostCoordinated=true");
    assertThat(tree(vs.getExpansion().getContains())).containsExactlyElementsOf(CODES_81455);
    assertThat(parameters(vs)).containsExactly("excludePostCoordinated=true", "used-codesystem=" + ICD + "|2027");
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?url=" + VS_81455 + "&excludePostCoordinated=maybe");
    assertThat(refusal(r)).isEqualTo("400 invalid [excludePostCoordinated] The parameter excludePostCoordinated must "
        + "be true or false, not 'maybe'");
  }

  @Test
  void includeDefinitionReturnsTheValueSetsDefinitionWithItsExpansion() {
    ValueSet stored = parser.parseResource(ValueSet.class, TestServer.get("/ValueSet/cpt-81455-indications").body());

    ValueSet plain = expand("url=" + VS_81455);
    assertThat(plain.hasCompose()).isFalse();
    assertThat(plain.hasDescription()).isFalse();

    ValueSet defined = expand("url=" + VS_81455 + "&includeDefinition=true");
    assertThat(defined.getCompose().equalsDeep(stored.getCompose())).as("compose as stored").isTrue();
    assertThat(defined.getDescription()).isEqualTo(stored.getDescription());
    assertThat(tree(defined.getExpansion().getContains())).containsExactlyElementsOf(CODES_81455);
    assertThat(parameters(defined)).containsExactly("includeDefinition=true", "used-codesystem=" + ICD + "|2027");
  }

  @Test
  void contextIsRefusedNotIgnored() {
    assertThat(refusal(TestServer.get("/ValueSet/$expand?context=http://hl7.org/fhir/StructureDefinition/"
        + "Condition%23Condition.code"))).isEqualTo("400 not-supported [context] $expand: the parameter context is "
        + "not supported: moltx does not evaluate value set bindings in context");
    assertThat(refusal(TestServer.get("/ValueSet/$expand?url=" + VS_81455 + "&contextDirection=incoming")))
        .isEqualTo("400 not-supported [contextDirection] $expand: the parameter contextDirection is not supported: "
            + "moltx does not evaluate value set bindings in context");
    assertThat(refusal(TestServer.post("/ValueSet/$validate-code", """
        {"resourceType":"Parameters","parameter":[
         {"name":"context","valueUri":"http://hl7.org/fhir/StructureDefinition/Condition#Condition.code"},
         {"name":"coding","valueCoding":{"system":"%s","code":"C92.01"}}]}""".formatted(ICD))))
        .isEqualTo("400 not-supported [context] $validate-code: the parameter context is not supported: moltx does "
            + "not evaluate value set bindings in context");
  }

  @Test
  void aNamelessParameterIsStillRefusedAsSuch() {
    assertThat(refusal(TestServer.post("/ValueSet/$expand", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"%s"},{"valueBoolean":false}]}"""
        .formatted(VS_81455)))).isEqualTo("400 invalid [name] $expand: a parameter of the Parameters resource has no "
            + "name");
  }

  @Test
  void profileUrlChangesNothingSoItIsNotEchoed() {
    ValueSet vs = expand("url=" + VS_81455 + "&profile-url=http://hl7.org/fhir/ExpansionProfile/x");
    assertThat(parameters(vs)).containsExactly("used-codesystem=" + ICD + "|2027");
  }

  @Test
  void codeSystemValidateCodeUsesTheReleaseInEffectOnTheDate() {
    Parameters fy2026 = validate("/CodeSystem/$validate-code?url=" + ICD + "&code=S23.420A&date=2026-03-01");
    assertThat(fy2026.getParameterBool("result")).isTrue();
    assertThat(fy2026.getParameter("version").getValue().primitiveValue()).isEqualTo("2026");
    assertThat(issues(fy2026)).isEmpty();

    Parameters fy2027 = validate("/CodeSystem/$validate-code?url=" + ICD + "&code=S23.420A&date=2026-11-01");
    assertThat(fy2027.getParameterBool("result")).isFalse();
    assertThat(issues(fy2027)).containsExactly("error Unknown code 'S23.420A' in the CodeSystem '" + ICD
        + "' version '2027'; it is in version '2026' of this code system");

    // a version the request names is used whatever the date
    Parameters named = validate("/CodeSystem/$validate-code?url=" + ICD + "&version=2026&code=S23.420A&date=2026-11-01");
    assertThat(named.getParameterBool("result")).isTrue();
    assertThat(named.getParameter("version").getValue().primitiveValue()).isEqualTo("2026");

    Parameters before = validate("/CodeSystem/$validate-code?url=" + ICD + "&code=C92.01&date=2024-06-01");
    assertThat(before.getParameterBool("result")).isFalse();
    assertThat(issues(before)).containsExactly("error No version of CodeSystem '" + ICD + "' is in effect on 2024-06-01");
  }

  @Test
  void valueSetValidateCodeUsesTheReleaseInEffectOnTheDate() {
    Parameters fy2026 = validate("/ValueSet/$validate-code?url=" + ICD + "?fhir_vs&system=" + ICD
        + "&code=S23.420A&date=2026-03-01");
    assertThat(fy2026.getParameterBool("result")).isTrue();
    assertThat(fy2026.getParameter("version").getValue().primitiveValue()).isEqualTo("2026");

    Parameters fy2027 = validate("/ValueSet/$validate-code?url=" + ICD + "?fhir_vs&system=" + ICD
        + "&code=S23.420A&date=2026-11-01");
    assertThat(fy2027.getParameterBool("result")).isFalse();
    assertThat(fy2027.getParameter("version").getValue().primitiveValue()).isEqualTo("2027");
  }

  @Test
  void lookupUsesTheReleaseInEffectOnTheDate() {
    Parameters fy2026 = validate("/CodeSystem/$lookup?system=" + ICD + "&code=S23.420A&date=2026-03-01");
    assertThat(fy2026.getParameter("version").getValue().primitiveValue()).isEqualTo("2026");
    assertThat(fy2026.getParameter("display").getValue().primitiveValue())
        .isEqualTo("Sprain of sternoclavicular (joint) (ligament), initial encounter");

    HttpResponse<String> fy2027 = TestServer.get("/CodeSystem/$lookup?system=" + ICD + "&code=S23.420A&date=2026-11-01");
    assertThat(refusal(fy2027)).isEqualTo("404 not-found [] Unknown code 'S23.420A' in the CodeSystem '" + ICD
        + "' version '2027'; it is in version '2026' of this code system");
  }

  @Test
  void lookupGivesTheDisplayInTheDisplayLanguage() {
    String request = """
        {"resourceType":"Parameters","parameter":[
         {"name":"tx-resource","resource":{"resourceType":"CodeSystem","url":"http://example.org/fruit","version":"1",
          "status":"active","content":"complete","language":"en","concept":[{"code":"a","display":"Apple",
          "designation":[{"language":"de","value":"Apfel"}]}]}},
         {"name":"system","valueUri":"http://example.org/fruit"},{"name":"code","valueCode":"a"}%s]}""";
    HttpResponse<String> plain = TestServer.post("/CodeSystem/$lookup", request.formatted(""));
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(parser.parseResource(Parameters.class, plain.body()).getParameter("display").getValue()
        .primitiveValue()).isEqualTo("Apple");
    HttpResponse<String> german = TestServer.post("/CodeSystem/$lookup",
        request.formatted(",{\"name\":\"displayLanguage\",\"valueCode\":\"de\"}"));
    assertThat(german.statusCode()).as(german.body()).isEqualTo(200);
    assertThat(parser.parseResource(Parameters.class, german.body()).getParameter("display").getValue()
        .primitiveValue()).isEqualTo("Apfel");
  }
}
