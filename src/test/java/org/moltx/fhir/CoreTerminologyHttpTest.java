package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.moltx.Answers;
import org.moltx.TestServer;
import org.moltx.app.Config;
import org.moltx.app.ServerFactory;

/** The FHIR R4 core terminology serves where the content defines nothing; a request's own resources win. */
class CoreTerminologyHttpTest {
  private static final String GENDER_VS = "http://hl7.org/fhir/ValueSet/administrative-gender";
  private static final String GENDER = "http://hl7.org/fhir/administrative-gender";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private static List<String> codes(ValueSet expansion) {
    return expansion.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode)
        .toList();
  }

  private static ValueSet expand(Parameters in) {
    return (ValueSet) TestServer.client().operation().onType(ValueSet.class).named("$expand").withParameters(in)
        .execute().getParameterFirstRep().getResource();
  }

  @Test
  void expandsACoreValueSet() {
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?url=" + GENDER_VS);
    assertThat(r.statusCode()).isEqualTo(200);
    ValueSet vs = FHIR.newJsonParser().parseResource(ValueSet.class, r.body());
    assertThat(codes(vs)).containsExactlyInAnyOrder("male", "female", "other", "unknown");
    assertThat(vs.getExpansion().getContainsFirstRep().getSystem()).isEqualTo(GENDER);
  }

  @Test
  void searchByUrlFindsCoreResources() {
    // what a remote validation support asks first, before it sends $validate-code
    org.hl7.fhir.r4.model.Bundle cs = TestServer.client().search().forResource(CodeSystem.class)
        .where(CodeSystem.URL.matches().value(GENDER)).returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute();
    assertThat(cs.getEntry()).extracting(e -> ((CodeSystem) e.getResource()).getUrl()).containsExactly(GENDER);
    org.hl7.fhir.r4.model.Bundle vs = TestServer.client().search().forResource(ValueSet.class)
        .where(ValueSet.URL.matches().value(GENDER_VS)).returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute();
    assertThat(vs.getEntry()).extracting(e -> ((ValueSet) e.getResource()).getUrl()).containsExactly(GENDER_VS);
  }

  @Test
  void validatesAgainstACoreValueSetAndLooksUpACoreCode() {
    Parameters out = TestServer.client().operation().onType(ValueSet.class).named("$validate-code")
        .withParameter(Parameters.class, "url", new UriType(GENDER_VS))
        .andParameter("coding", new Coding(GENDER, "male", null)).execute();
    assertThat(out.getParameterBool("result")).isTrue();
    assertThat(out.getParameterValue("display").primitiveValue()).isEqualTo("Male");

    Parameters bad = TestServer.client().operation().onType(ValueSet.class).named("$validate-code")
        .withParameter(Parameters.class, "url", new UriType(GENDER_VS))
        .andParameter("coding", new Coding(GENDER, "man", null)).execute();
    assertThat(bad.getParameterBool("result")).isFalse();

    HttpResponse<String> lookup = TestServer.get("/CodeSystem/$lookup?system=http://hl7.org/fhir/publication-status"
        + "&code=draft");
    assertThat(lookup.statusCode()).isEqualTo(200);
    assertThat(Answers.lines(lookup.body())).containsExactly(
        "code=draft",
        "system=http://hl7.org/fhir/publication-status",
        "name=PublicationStatus",
        "version=4.0.1",
        "display=Draft",
        "definition=This resource is still under development and is not yet considered to be ready for normal use.",
        "abstract=false",
        "designation:",
        "  language=ru",
        "  value=черновик",
        "designation:",
        "  language=nl",
        "  value=ontwerp",
        "designation:",
        "  use=http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra#preferredForLanguage \"Preferred For Language\"",
        "  value=Draft",
        "property:",
        "  code=inactive",
        "  value=false");
  }

  @Test
  void aValueSetSentWithTheRequestIncludesAndExcludesCoreValueSets() {
    ValueSet combo = new ValueSet().setUrl("http://example.org/vs/gender-combo").setStatus(PublicationStatus.ACTIVE);
    combo.getCompose().addInclude().addValueSet(GENDER_VS);
    combo.getCompose().addExclude().setSystem(GENDER).addConcept().setCode("unknown");
    Parameters in = new Parameters();
    in.addParameter().setName("valueSet").setResource(combo);
    assertThat(codes(expand(in))).containsExactlyInAnyOrder("male", "female", "other");

    ValueSet exclude = new ValueSet().setUrl("http://example.org/vs/no-gender").setStatus(PublicationStatus.ACTIVE);
    exclude.getCompose().addInclude().setSystem(GENDER);
    exclude.getCompose().addExclude().addValueSet(GENDER_VS);
    Parameters in2 = new Parameters();
    in2.addParameter().setName("tx-resource").setResource(exclude);
    in2.addParameter("url", new UriType(exclude.getUrl()));
    assertThat(codes(expand(in2))).isEmpty();
  }

  @Test
  void aCodeSystemSentWithTheRequestWinsOverTheCoreOne() {
    CodeSystem own = new CodeSystem().setUrl(GENDER).setVersion("9").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
    own.addConcept().setCode("x").setDisplay("Ex");
    ValueSet all = new ValueSet().setUrl("http://example.org/vs/own-gender").setStatus(PublicationStatus.ACTIVE);
    all.getCompose().addInclude().setSystem(GENDER);
    Parameters in = new Parameters();
    in.addParameter().setName("tx-resource").setResource(own);
    in.addParameter().setName("valueSet").setResource(all);
    assertThat(codes(expand(in))).containsExactly("x");
  }

  @Test
  void theSwitchTurnsTheCoreTerminologyOff() throws Exception {
    Server server = ServerFactory.createServer(0, Config.defaults().withCoreTerminology(false));
    server.start();
    try {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      HttpResponse<String> r = TestServer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          "http://localhost:" + port + "/fhir/ValueSet/$expand?url=" + GENDER_VS)).header("Accept", "application/fhir+json"));
      assertThat(r.statusCode()).isEqualTo(404);
    } finally {
      server.stop();
    }
  }

  @Test
  void theSwitchIsAFlagAndAnEnvironmentVariable() {
    assertThat(Config.parse(new String[0], java.util.Map.of()).coreTerminology()).isTrue();
    assertThat(Config.parse(new String[] {"--core-terminology", "off"}, java.util.Map.of()).coreTerminology()).isFalse();
    assertThat(Config.parse(new String[0], java.util.Map.of("MOLTX_CORE_TERMINOLOGY", "false")).coreTerminology())
        .isFalse();
  }
}
