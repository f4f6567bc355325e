package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.moltx.TestServer;

/** The fast path answers exactly what HAPI's path answers; _format=json sends the same request through HAPI. */
class FastPathHttpTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=81455",
      "/CodeSystem/$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&code=C92.0&version=2026",
      "/CodeSystem/$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code=C92.10",
      "/CodeSystem/$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code=C9210",
      "/CodeSystem/$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code=C92.41&display=Chronic%20lymphocytic%20leukemia",
      "/ConceptMap/$translate?system=http://www.ama-assn.org/go/cpt&code=81455&targetsystem=http://hl7.org/fhir/sid/icd-10-cm",
      "/ConceptMap/$translate?system=http://hl7.org/fhir/sid/icd-10-cm&code=C18.7&reverse=true"})
  void fastAndHapiPathsGiveTheSameAnswer(String request) {
    HttpResponse<String> fast = TestServer.get(request);
    HttpResponse<String> hapi = TestServer.get(request + "&_format=json");
    assertThat(fast.statusCode()).isEqualTo(200);
    assertThat(hapi.statusCode()).isEqualTo(200);
    var parser = FhirContext.forR4Cached().newJsonParser();
    Parameters a = parser.parseResource(Parameters.class, fast.body());
    Parameters b = parser.parseResource(Parameters.class, hapi.body());
    assertThat(a.equalsDeep(b)).as(fast.body() + "\n" + hapi.body()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/CodeSystem/$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&code=NOPE",
      "/CodeSystem/$lookup?system=http://example.org/unknown&code=1",
      "/ConceptMap/$translate?system=http://www.ama-assn.org/go/cpt&code=81455&reverse=maybe"})
  void errorsGoThroughHapisErrorMapping(String request) {
    HttpResponse<String> r = TestServer.get(request);
    assertThat(r.statusCode()).isBetween(400, 499);
    assertThat(r.body()).contains("OperationOutcome");
  }
}
