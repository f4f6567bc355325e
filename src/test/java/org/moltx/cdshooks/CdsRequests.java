package org.moltx.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.moltx.TestServer;

/** Realistic CDS Hooks requests for the tests, built with HAPI's R4 model, and a way to send them. */
final class CdsRequests {
  static final String CPT = "http://www.ama-assn.org/go/cpt";
  static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  static final String PATIENT = "pat-1042";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final IParser FHIR = FhirContext.forR4Cached().newJsonParser();

  private CdsRequests() {}

  /** The order-sign request of the docs: 81455 for a patient with AML in remission on the problem list. */
  static ObjectNode fixture(String name) {
    try (InputStream in = CdsRequests.class.getResourceAsStream("/cds/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ServiceRequest order(String id, String cpt, String... reasonIcd) {
    ServiceRequest sr = new ServiceRequest();
    sr.setId(id);
    sr.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT).setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    sr.setCode(new CodeableConcept(new Coding(CPT, cpt, null)));
    sr.setSubject(new Reference("Patient/" + PATIENT));
    for (String r : reasonIcd) {
      sr.addReasonCode(new CodeableConcept(new Coding(ICD, r, null)));
    }
    return sr;
  }

  static Condition condition(String id, String icd) {
    Condition c = new Condition();
    c.setId(id);
    c.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
    c.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", null)));
    c.setCode(new CodeableConcept(new Coding(ICD, icd, null)));
    c.setSubject(new Reference("Patient/" + PATIENT));
    return c;
  }

  static Bundle bundle(Bundle.BundleType type, Resource... resources) {
    Bundle b = new Bundle().setType(type);
    for (Resource r : resources) {
      b.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(r);
    }
    return b;
  }

  static JsonNode json(Resource r) {
    try {
      return JSON.readTree(FHIR.encodeResourceToString(r));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request for {@code hook} with these draft orders and, unless null, these prefetched Conditions. */
  static ObjectNode request(String hook, Bundle draftOrders, Bundle conditions) {
    ObjectNode req = JSON.createObjectNode();
    req.put("hookInstance", UUID.randomUUID().toString()).put("hook", hook);
    ObjectNode context = req.putObject("context");
    context.put("userId", "PractitionerRole/pr-hem-onc-7").put("patientId", PATIENT);
    context.set("draftOrders", json(draftOrders));
    if (conditions != null) {
      req.putObject("prefetch").set("conditions", json(conditions));
    }
    return req;
  }

  static ObjectNode orderSign(ServiceRequest order, Condition... problems) {
    return request("order-sign", bundle(Bundle.BundleType.COLLECTION, order), bundle(Bundle.BundleType.SEARCHSET, problems));
  }

  static HttpResponse<String> post(String base, String path, String body, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return TestServer.send(b);
  }

  static HttpResponse<String> post(String path, Object body) {
    return post(TestServer.baseUrl(), path, body instanceof String s ? s : body.toString(), null);
  }

  static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + response.body(), e);
    }
  }
}
