package org.moltx.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;

/** Reads a patient's active Conditions from the client's FHIR server when they were not prefetched. */
final class ConditionFetcher {
  private static final int MAX_PAGES = 5;
  private final FhirContext fhir;
  private final ObjectMapper mapper;

  ConditionFetcher(int connectTimeoutMillis, int socketTimeoutMillis, ObjectMapper mapper) {
    this.mapper = mapper;
    // a context of its own: the client settings below must not change the server's shared context
    this.fhir = new FhirContext(FhirVersionEnum.R4);
    fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    fhir.getRestfulClientFactory().setConnectTimeout(connectTimeoutMillis);
    fhir.getRestfulClientFactory().setSocketTimeout(socketTimeoutMillis);
  }

  /** The active Conditions of the patient; throws on any failure (the caller decides what that means). */
  List<CdsResources.Problem> fetch(String fhirServer, String bearerToken, String patientId) {
    IGenericClient client = fhir.newRestfulGenericClient(fhirServer);
    if (bearerToken != null && !bearerToken.isBlank()) {
      client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
    }
    Bundle page = client.search().forResource(Condition.class)
        .where(Condition.PATIENT.hasId(patientId))
        .and(Condition.CLINICAL_STATUS.exactly().code("active"))
        .count(100)
        .returnBundle(Bundle.class)
        .execute();
    List<CdsResources.Problem> conditions = new ArrayList<>();
    for (int pages = 1; ; pages++) {
      // the decision reads the JSON form, as it does for prefetched Conditions
      conditions.addAll(CdsResources.entries(json(page), "the Conditions read from fhirServer").conditions());
      if (pages >= MAX_PAGES || page.getLink(Bundle.LINK_NEXT) == null) {
        return conditions;
      }
      page = client.loadPage().next(page).execute();
    }
  }

  private JsonNode json(Bundle page) {
    try {
      return mapper.readTree(fhir.newJsonParser().encodeResourceToString(page));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
