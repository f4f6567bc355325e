package org.moltx.clients;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.validation.FhirValidator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.RemoteTerminologyServiceValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/**
 * HAPI's FhirValidator with moltx as its remote terminology server, as HAPI-based interface engines call us:
 * RemoteTerminologyServiceValidationSupport finds ICD-10-CM by CodeSystem?url= (without concepts, content
 * not-present, so the in-memory support passes) and validates each code with CodeSystem/$validate-code.
 */
class RemoteValidationTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
  private static RemoteTerminologyServiceValidationSupport remote;
  private static ValidationSupportChain chain;
  private static FhirValidator validator;

  /** The chain an interface engine would build: HAPI's own supports, then moltx over HTTP. */
  static ValidationSupportChain remoteChain(FhirContext fhir, RemoteTerminologyServiceValidationSupport remote) {
    return new ValidationSupportChain(
        new DefaultProfileValidationSupport(fhir),
        new CommonCodeSystemsTerminologyService(fhir),
        new InMemoryTerminologyServerValidationSupport(fhir),
        remote);
  }

  static RemoteTerminologyServiceValidationSupport remoteSupport(FhirContext fhir) {
    RemoteTerminologyServiceValidationSupport support =
        new RemoteTerminologyServiceValidationSupport(fhir, TestServer.fhirBase());
    support.addClientInterceptor(new IClientInterceptor() {
      @Override
      public void interceptRequest(IHttpRequest request) {
        REQUESTS.add(request.getHttpVerbName() + " " + request.getUri().replace(TestServer.fhirBase(), ""));
      }

      @Override
      public void interceptResponse(IHttpResponse response) {
        // only the requests matter
      }
    });
    return support;
  }

  @BeforeAll
  static void chain() {
    remote = remoteSupport(FHIR);
    chain = remoteChain(FHIR, remote);
    validator = ServiceRequests.validator(FHIR, chain);
  }

  @Test
  void validCodesRaiseNoFinding() {
    REQUESTS.clear();
    assertThat(ServiceRequests.codeFindings(validator, ServiceRequests.valid())).isEmpty();
    assertThat(REQUESTS).contains("POST /CodeSystem/$validate-code");
  }

  @Test
  void theSeedsWrongLabelIsADisplayErrorNamingTheRightDisplay() {
    assertThat(ServiceRequests.codeFindings(validator, ServiceRequests.wrongDisplay())).singleElement()
        .satisfies(f -> assertThat(f).startsWith("error @ ServiceRequest.reasonCode[0]: Wrong Display Name '"
            + ServiceRequests.SEED_LABEL_C92_41 + "' for http://hl7.org/fhir/sid/icd-10-cm#C92.41")
            .contains("Valid display is '" + ServiceRequests.C92_41 + "'"));
  }

  @Test
  void anUnknownCodeIsAnError() {
    assertThat(ServiceRequests.codeFindings(validator, ServiceRequests.unknownCode())).containsExactly(
        "error @ ServiceRequest.reasonCode[0]: Unknown code 'C92.99' in the CodeSystem "
            + "'http://hl7.org/fhir/sid/icd-10-cm' version '2027'");
  }

  @Test
  void icd10cmIsFoundWithoutDownloadingItsConcepts() {
    ValidationSupportContext context = new ValidationSupportContext(chain);
    assertThat(remote.isCodeSystemSupported(context, ServiceRequests.ICD10CM)).isTrue();
    org.hl7.fhir.r4.model.CodeSystem cs = (org.hl7.fhir.r4.model.CodeSystem) remote.fetchCodeSystem(ServiceRequests.ICD10CM);
    assertThat(cs.getConcept()).isEmpty();
    assertThat(cs.getContent()).isEqualTo(org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode.NOTPRESENT);
    assertThat(cs.getCount()).isGreaterThan(90_000);
    assertThat(new InMemoryTerminologyServerValidationSupport(FHIR).isCodeSystemSupported(context,
        ServiceRequests.ICD10CM)).isFalse();
  }

  /**
   * On the wire a CPT display mismatch is result true with a warning issue (CPT displays are paraphrases). HAPI's
   * remote support keeps the issues of a false result only, so a FhirValidator does not show this warning; moltx in
   * process does (InProcessValidationTest).
   */
  @Test
  void aCptDisplayMismatchIsAWarningOnTheWire() throws Exception {
    java.net.http.HttpResponse<String> r = TestServer.get("/CodeSystem/$validate-code?url=" + ServiceRequests.CPT
        + "&code=81455&display=Hematolymphoid%20neoplasm%20panel");
    com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(body.toString()).contains("{\"name\":\"result\",\"valueBoolean\":true}")
        .contains("\"severity\":\"warning\"").contains("invalid-display");
    CodeValidationResult viaHapi = remote.validateCode(new ValidationSupportContext(chain),
        new ConceptValidationOptions(), ServiceRequests.CPT, "81455", "Hematolymphoid neoplasm panel", null);
    assertThat(viaHapi.isOk()).isTrue();
    assertThat(viaHapi.getIssues()).isEmpty();
  }
}
