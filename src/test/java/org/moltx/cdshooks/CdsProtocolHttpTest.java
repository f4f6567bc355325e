package org.moltx.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.cdshooks.CdsRequests.condition;
import static org.moltx.cdshooks.CdsRequests.order;
import static org.moltx.cdshooks.CdsRequests.post;
import static org.moltx.cdshooks.CdsRequests.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/** Discovery, order-select, errors, feedback, CORS and reading Conditions from the client's FHIR server. */
class CdsProtocolHttpTest {
  static final String SIGN = CdsOrderSignHttpTest.SIGN;
  static final String SELECT = "/cds-services/order-select-indications";

  private static HttpResponse<String> get(String path) {
    return TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + path)).GET());
  }

  @Test
  void discoveryListsBothServicesWithTheirPrefetchTemplates() {
    HttpResponse<String> r = get("/cds-services");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode services = read(r).get("services");
    assertThat(services).hasSize(2);
    assertThat(services).extracting(s -> s.get("id").asText() + " " + s.get("hook").asText())
        .containsExactly("order-sign-indications order-sign", "order-select-indications order-select");
    assertThat(services).allSatisfy(s -> {
      assertThat(s.get("title").asText()).isNotBlank();
      assertThat(s.get("description").asText()).isNotBlank();
      assertThat(s.at("/prefetch/patient").asText()).isEqualTo("Patient/{{context.patientId}}");
      assertThat(s.at("/prefetch/conditions").asText()).startsWith("Condition?patient={{context.patientId}}");
    });
    assertThat(get("/cds-services/").statusCode()).isEqualTo(200);
  }

  @Test
  void corsLetsBrowserClientsCall() {
    HttpResponse<String> preflight = TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + SIGN))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://ehr.example.org")
        .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization,content-type"));
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(v -> assertThat(v).contains("Authorization"));
    assertThat(get("/cds-services").headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  @Test
  void orderSelectLooksOnlyAtTheSelectionsAndGivesInfoCardsOnly() {
    Bundle orders = CdsRequests.bundle(Bundle.BundleType.COLLECTION, order("sr-new", "81455", "D46.9"), order("sr-old", "81311"));
    ObjectNode req = CdsRequests.request("order-select", orders, CdsRequests.bundle(Bundle.BundleType.SEARCHSET, condition("c1", "I10")));
    ((ObjectNode) req.get("context")).putArray("selections").add("ServiceRequest/sr-new");
    List<JsonNode> cards = CdsOrderSignHttpTest.cards(post(SELECT, req));
    assertThat(cards).singleElement().satisfies(c -> {
      assertThat(c.get("indicator").asText()).isEqualTo("info");
      assertThat(c.get("summary").asText()).contains("81455");
      assertThat(c.get("detail").asText()).contains("**C92.01**");
    });
  }

  @Test
  void orderSelectWithoutTheConditionsAnswersNoCardsInsteadOf412() {
    Bundle orders = CdsRequests.bundle(Bundle.BundleType.COLLECTION, order("sr-new", "81455", "D46.9"));
    ObjectNode req = CdsRequests.request("order-select", orders, null);
    ((ObjectNode) req.get("context")).putArray("selections").add("ServiceRequest/sr-new");
    HttpResponse<String> r = post(SELECT, req);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(read(r).get("cards")).isEmpty();
  }

  @Test
  void malformedJsonIs400WithAJsonError() {
    HttpResponse<String> r = post(SIGN, "{\"hook\": \"order-sign\", ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(read(r).get("error").asText()).contains("malformed JSON");
  }

  @Test
  void anEmptyBodyOrOneThatIsNoObjectIs400() {
    for (String body : new String[] {"", "[]", "42"}) {
      HttpResponse<String> r = post(SIGN, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(read(r).get("error").asText()).as(body).isEqualTo("the request body must be a JSON object");
    }
  }

  @Test
  void aMissingHookIs400() {
    ObjectNode req = CdsRequests.fixture("order-sign-81455.json");
    req.remove("hook");
    HttpResponse<String> r = post(SIGN, req);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(read(r).get("error").asText()).contains("hook");
  }

  @Test
  void fieldsOfTheWrongShapeAre400() {
    ObjectNode hookObject = CdsRequests.fixture("order-sign-81455.json");
    hookObject.putObject("hook");
    assertRefused(hookObject, "not a CDS Hooks request: 'hook' must be a string");
    ObjectNode prefetchArray = CdsRequests.fixture("order-sign-81455.json");
    prefetchArray.putArray("prefetch");
    assertRefused(prefetchArray, "not a CDS Hooks request: 'prefetch' must be an object");
    ObjectNode codingObject = CdsRequests.fixture("order-sign-81455.json");
    ((ObjectNode) codingObject.at("/context/draftOrders/entry/0/resource/code")).putObject("coding")
        .put("system", "http://www.ama-assn.org/go/cpt").put("code", "81455");
    assertRefused(codingObject, "'coding' must be an array (a FHIR repeating element)");
    ObjectNode containedObject = CdsRequests.fixture("order-sign-81455.json");
    ((ObjectNode) containedObject.at("/context/draftOrders/entry/0/resource")).putObject("contained")
        .put("resourceType", "Condition");
    assertRefused(containedObject, "'contained' must be an array (a FHIR repeating element)");
    ObjectNode authorizationText = CdsRequests.fixture("order-sign-81455.json");
    authorizationText.put("fhirAuthorization", "token");
    assertThat(post(SIGN, authorizationText).statusCode()).isEqualTo(400);
  }

  private void assertRefused(ObjectNode request, String error) {
    HttpResponse<String> r = post(SIGN, request);
    assertThat(r.statusCode()).as(error).isEqualTo(400);
    assertThat(read(r).get("error").asText()).isEqualTo(error);
  }

  @Test
  void theWrongHookForTheServiceIs400() {
    ObjectNode req = CdsRequests.fixture("order-sign-81455.json");
    req.put("hook", "patient-view");
    HttpResponse<String> r = post(SIGN, req);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(read(r).get("error").asText()).contains("order-sign").contains("patient-view");
    req.put("hook", "order-select");
    assertThat(post(SIGN, req).statusCode()).isEqualTo(400);
  }

  @Test
  void draftOrdersThatAreNotABundleAre400() {
    ObjectNode req = CdsRequests.fixture("order-sign-81455.json");
    ((ObjectNode) req.get("context")).putObject("draftOrders").put("resourceType", "ServiceRequest");
    assertThat(post(SIGN, req).statusCode()).isEqualTo(400);
    ((ObjectNode) req.get("context")).remove("draftOrders");
    assertThat(post(SIGN, req).statusCode()).isEqualTo(400);
  }

  @Test
  void anUnknownServiceIs404() {
    HttpResponse<String> r = post("/cds-services/no-such-service", CdsRequests.fixture("order-sign-81455.json"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(read(r).get("error").asText()).isNotBlank();
    assertThat(post("/cds-services/no-such-service/feedback", "{\"feedback\": []}").statusCode()).isEqualTo(404);
  }

  @Test
  void getOnAServiceIs405() {
    assertThat(get(SIGN).statusCode()).isEqualTo(405);
  }

  @Test
  void feedbackIsAccepted() {
    String feedback = """
        {"feedback": [
          {"card": "8e7a1e6d-8f2b-4e3a-9d2a-3c1f0e9b7a10", "outcome": "overridden", "outcomeTimestamp": "2026-11-24T09:13:05Z",
           "overrideReason": {"reason": {"system": "http://moltx.org/cds-hooks/override-reason", "code": "payer-covers"},
                              "userComment": "Payer policy 7.1 covers MDS"}},
          {"card": "0c0b5f55-4b0c-4b3e-8a55-3b3a4c2d1e0f", "outcome": "accepted", "outcomeTimestamp": "2026-11-24T09:13:07Z",
           "acceptedSuggestions": [{"id": "24b7e326-8bcd-4bd3-b1ed-ba417182fd05"}]}
        ]}""";
    assertThat(post(SIGN + "/feedback", feedback).statusCode()).isEqualTo(200);
    assertThat(post(SIGN + "/feedback", "{]").statusCode()).isEqualTo(400);
  }

  @Test
  void conditionsAreReadFromTheClientsFhirServerWithItsBearerToken() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    String conditions = CdsRequests.JSON.writeValueAsString(CdsRequests.json(
        CdsRequests.bundle(Bundle.BundleType.SEARCHSET, condition("c-aml", "C92.01"), condition("c-htn", "I10"))));
    HttpServer ehr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ehr.createContext("/fhir/Condition", exchange -> {
      seen.add(exchange.getRequestURI().getQuery());
      boolean ok = "Bearer ehr-token-123".equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = (ok ? conditions : "{\"resourceType\":\"OperationOutcome\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
      exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    ehr.start();
    try {
      Bundle orders = CdsRequests.bundle(Bundle.BundleType.COLLECTION, order("sr1", "81455", "D46.9"));
      ObjectNode req = CdsRequests.request("order-sign", orders, null);
      req.put("fhirServer", "http://127.0.0.1:" + ehr.getAddress().getPort() + "/fhir");
      req.putObject("fhirAuthorization").put("access_token", "ehr-token-123").put("token_type", "Bearer")
          .put("expires_in", 300).put("scope", "patient/Condition.read").put("subject", "cds-service-moltx");

      List<JsonNode> cards = CdsOrderSignHttpTest.cards(post(SIGN, req));
      assertThat(cards).singleElement().satisfies(c -> {
        assertThat(c.get("indicator").asText()).isEqualTo("info");
        assertThat(c.at("/suggestions/0/actions/0/resource/reasonCode/1/coding/0/code").asText()).isEqualTo("C92.01");
      });
      assertThat(seen).singleElement().satisfies(q -> assertThat(q).contains("patient=pat-1042").contains("clinical-status=active"));

      // a token the FHIR server refuses: the Conditions cannot be had, so order-sign answers 412
      ((ObjectNode) req.get("fhirAuthorization")).put("access_token", "stale");
      assertThat(post(SIGN, req).statusCode()).isEqualTo(412);
    } finally {
      ehr.stop(0);
    }
  }
}
