package org.moltx.clients;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.RemoteTerminologyServiceValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/** HAPI's FhirValidator with moltx as its remote terminology server: how HAPI-based interface engines call us. */
class RemoteValidationTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static FhirValidator validator;

  @BeforeAll
  static void chain() {
    ValidationSupportChain chain = new ValidationSupportChain(
        new DefaultProfileValidationSupport(FHIR),
        new CommonCodeSystemsTerminologyService(FHIR),
        new InMemoryTerminologyServerValidationSupport(FHIR),
        remote());
    validator = ServiceRequests.validator(FHIR, chain);
  }

  static RemoteTerminologyServiceValidationSupport remote() {
    RemoteTerminologyServiceValidationSupport r = new RemoteTerminologyServiceValidationSupport(FHIR, TestServer.fhirBase());
    r.addClientInterceptor(new ca.uhn.fhir.rest.client.api.IClientInterceptor() {
      public void interceptRequest(ca.uhn.fhir.rest.client.api.IHttpRequest req) {
        System.out.println("REQ " + req.getHttpVerbName() + " " + req.getUri());
        try { System.out.println("BODY " + req.getRequestBodyFromStream()); } catch (Exception e) { }
      }
      public void interceptResponse(ca.uhn.fhir.rest.client.api.IHttpResponse res) throws java.io.IOException {
        res.bufferEntity();
        System.out.println("RES " + res.getStatus() + " " + new String(res.readEntity().readAllBytes()).replaceAll("\\s+", " "));
      }
    });
    return r;
  }

  @Test
  void dump() {
    System.out.println("VALID " + ServiceRequests.all(validator, ServiceRequests.valid()));
    System.out.println("WRONG " + ServiceRequests.all(validator, ServiceRequests.wrongDisplay()));
    System.out.println("UNKNOWN " + ServiceRequests.all(validator, ServiceRequests.unknownCode()));
  }
}
