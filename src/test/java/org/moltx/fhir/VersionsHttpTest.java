package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

class VersionsHttpTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private static Parameters parameters(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
  }

  private static void assertR4Only(Parameters out) {
    assertThat(out.getParameter()).extracting(Parameters.ParametersParameterComponent::getName)
        .containsExactly("version", "default");
    assertThat(out.getParameter("version").getValue().primitiveValue()).isEqualTo("4.0");
    assertThat(out.getParameter("default").getValue().primitiveValue()).isEqualTo("4.0");
  }

  @Test
  void getAnswersR4AsTheOnlyAndDefaultVersion() {
    assertR4Only(parameters(TestServer.get("/$versions")));
    assertR4Only(parameters(TestServer.get("/$versions?_format=json")));
  }

  @Test
  void postAnswersTheSame() {
    assertR4Only(parameters(TestServer.post("/$versions", "{\"resourceType\":\"Parameters\"}")));
  }

  @Test
  void anUnknownParameterIsRefusedByName() {
    HttpResponse<String> response = TestServer.get("/$versions?fhirVersion=5.0");
    assertThat(response.statusCode()).isEqualTo(400);
    OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    assertThat(oo.getIssueFirstRep().getDetails().getText()).contains("fhirVersion");
  }

  @Test
  void theCapabilityStatementListsVersionsAsASystemOperation() {
    HttpResponse<String> response = TestServer.get("/metadata");
    assertThat(response.statusCode()).isEqualTo(200);
    var cs = FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.CapabilityStatement.class, response.body());
    assertThat(cs.getRestFirstRep().getOperation()).anySatisfy(op -> {
      assertThat(op.getName()).isEqualTo("versions");
      assertThat(op.getDefinition()).isEqualTo("http://hl7.org/fhir/OperationDefinition/CapabilityStatement-versions");
    });
    assertThat(cs.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode()).containsExactly("batch");
  }
}
