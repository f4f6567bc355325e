package org.moltx.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.cdshooks.CdsRequests.condition;
import static org.moltx.cdshooks.CdsRequests.order;
import static org.moltx.cdshooks.CdsRequests.orderSign;
import static org.moltx.cdshooks.CdsRequests.post;
import static org.moltx.cdshooks.CdsRequests.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/** The order-sign decision, over HTTP against the real server and the default content. */
class CdsOrderSignHttpTest {
  static final String SIGN = "/cds-services/order-sign-indications";
  static final String DISCLAIMER = "Indication list is reference content, not a payer's coverage policy.";

  static List<JsonNode> cards(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    List<JsonNode> cards = new ArrayList<>();
    read(r).get("cards").forEach(cards::add);
    cards.forEach(CdsOrderSignHttpTest::assertWellFormed);
    return cards;
  }

  /** What every card must have, whatever the decision. */
  static void assertWellFormed(JsonNode card) {
    assertThat(UUID.fromString(card.get("uuid").asText())).isNotNull();
    assertThat(card.get("summary").asText()).isNotBlank().hasSizeLessThan(140);
    assertThat(card.get("indicator").asText()).isIn("info", "warning");
    assertThat(card.get("detail").asText()).endsWith("\n\n" + DISCLAIMER);
    assertThat(card.at("/source/label").asText()).isNotBlank();
    assertThat(card.at("/source/topic/code").asText()).isEqualTo("order-indication");
  }

  @Test
  void realisticOrderSignFor81455SuggestsTheAmlInRemissionOnTheProblemList() {
    // 81455 ordered for "myelodysplastic syndrome" (not an indication); the problem list has C92.01 and I10
    List<JsonNode> cards = cards(post(SIGN, CdsRequests.fixture("order-sign-81455.json")));

    assertThat(cards).singleElement().satisfies(card -> {
      assertThat(card.get("indicator").asText()).isEqualTo("info");
      assertThat(card.get("summary").asText()).contains("C92.01").contains("81455");
      assertThat(card.get("detail").asText()).contains("**C92.01** Acute myeloblastic leukemia, in remission");
      assertThat(card.get("selectionBehavior").asText()).isEqualTo("at-most-one");
      assertThat(card.get("links").get(0).get("url").asText())
          .isEqualTo(TestServer.baseUrl() + "/fhir/ValueSet/cpt-81455-indications");
      JsonNode suggestion = card.get("suggestions").get(0);
      assertThat(card.get("suggestions")).hasSize(1);
      assertThat(UUID.fromString(suggestion.get("uuid").asText())).isNotNull();
      JsonNode action = suggestion.get("actions").get(0);
      assertThat(action.get("type").asText()).isEqualTo("update");
      JsonNode resource = action.get("resource");
      assertThat(resource.get("resourceType").asText()).isEqualTo("ServiceRequest");
      assertThat(resource.get("id").asText()).isEqualTo("sr-ngs-1");
      // the order's own reason is kept, the problem-list diagnosis is added with its official title
      assertThat(resource.get("reasonCode")).hasSize(2);
      assertThat(resource.at("/reasonCode/0/coding/0/code").asText()).isEqualTo("D46.9");
      assertThat(resource.at("/reasonCode/1/coding/0/system").asText()).isEqualTo(CdsRequests.ICD);
      assertThat(resource.at("/reasonCode/1/coding/0/code").asText()).isEqualTo("C92.01");
      assertThat(resource.at("/reasonCode/1/coding/0/display").asText()).isEqualTo("Acute myeloblastic leukemia, in remission");
      // everything else of the draft order is unchanged
      assertThat(resource.at("/code/text").asText()).isEqualTo("Myeloid NGS panel (DNA+RNA), 54 genes");
      assertThat(resource.at("/specimen/0/display").asText()).isEqualTo("Bone marrow aspirate, EDTA");
    });
  }

  @Test
  void anIndicationAmongTheOrdersReasonsGivesNoCard() {
    assertThat(cards(post(SIGN, orderSign(order("sr1", "81455", "C92.41"), condition("c1", "I10"))))).isEmpty();
  }

  @Test
  void aReasonReferenceToAConditionInTheDraftBundleCounts() {
    ServiceRequest sr = order("sr1", "81455");
    sr.addReasonReference(new Reference("Condition/dx-cml"));
    Bundle orders = CdsRequests.bundle(Bundle.BundleType.COLLECTION, sr, condition("dx-cml", "C92.10"));
    ObjectNode req = CdsRequests.request("order-sign", orders, CdsRequests.bundle(Bundle.BundleType.SEARCHSET));
    assertThat(cards(post(SIGN, req))).isEmpty();
  }

  @Test
  void aReasonReferenceToAContainedConditionCounts() {
    ServiceRequest sr = order("sr1", "81455");
    sr.addContained(condition("dx", "C92.10"));
    sr.addReasonReference(new Reference("#dx"));
    assertThat(cards(post(SIGN, orderSign(sr)))).isEmpty();
  }

  @Test
  void aReasonReferenceToAProblemListConditionCounts() {
    // C92.10 is not in the draft orders: it is found among the prefetched Conditions
    ServiceRequest sr = order("sr1", "81455");
    sr.addReasonReference(new Reference("Condition/dx-cml"));
    assertThat(cards(post(SIGN, orderSign(sr, condition("dx-cml", "C92.10"))))).isEmpty();
    // a reference to a Condition nobody has is no reason: the problem list alone decides
    ServiceRequest dangling = order("sr1", "81455");
    dangling.addReasonReference(new Reference("Condition/elsewhere"));
    assertThat(cards(post(SIGN, orderSign(dangling, condition("c1", "I10"))))).extracting(c -> c.get("indicator").asText())
        .containsExactly("warning");
  }

  @Test
  void hierarchy81311WithColonCancerOfTheSigmoidIsSupported() {
    // the map lists the category C18; C18.7 (malignant neoplasm of sigmoid colon) is below it
    assertThat(cards(post(SIGN, orderSign(order("sr1", "81311", "C18.7"))))).isEmpty();
    // a code sent without its dot is read as ICD-10-CM writes it
    assertThat(cards(post(SIGN, orderSign(order("sr1", "81311", "C187"))))).isEmpty();
  }

  @Test
  void hierarchy81311WithAmlInRemissionIsSupportedThoughC9201IsAlsoListedFor81455() {
    // C92.01 is itself a target of 81455; for 81311 it counts through its category C92.0
    assertThat(cards(post(SIGN, orderSign(order("sr1", "81311", "C92.01"))))).isEmpty();
  }

  @Test
  void notSupportedGivesAWarningWithTheIndicationsLinksAndOverrideReasons() {
    List<JsonNode> cards = cards(post(SIGN, orderSign(order("sr1", "81455", "D46.9"), condition("c1", "I10"))));
    assertThat(cards).singleElement().satisfies(card -> {
      assertThat(card.get("indicator").asText()).isEqualTo("warning");
      assertThat(card.get("summary").asText()).contains("81455");
      String detail = card.get("detail").asText();
      assertThat(detail).contains("- **C92.41** Acute promyelocytic leukemia, in remission")
          .contains("- **C92.10** Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission")
          .contains("D46.9 Myelodysplastic syndrome, unspecified (order)")
          .contains("I10 Essential (primary) hypertension (problem list)");
      assertThat(detail.lines().filter(l -> l.startsWith("- **"))).hasSize(11);
      assertThat(card.has("suggestions")).isFalse();
      assertThat(card.get("overrideReasons")).hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(o -> assertThat(o.get("code").asText()).isNotBlank());
      assertThat(card.get("links")).singleElement().satisfies(l -> {
        assertThat(l.get("type").asText()).isEqualTo("absolute");
        assertThat(l.get("url").asText()).isEqualTo(TestServer.baseUrl() + "/fhir/ValueSet/cpt-81455-indications");
      });
    });
  }

  @Test
  void warningFor81311ListsCategoriesWithTheirDescendantsAndLeavesOutMetastaticSites() {
    // C78.7: secondary malignant neoplasm of liver; not an indication (the map's content decision)
    List<JsonNode> cards = cards(post(SIGN, orderSign(order("sr1", "81311", "C78.7"))));
    assertThat(cards).singleElement().satisfies(card -> {
      assertThat(card.get("indicator").asText()).isEqualTo("warning");
      assertThat(card.get("detail").asText()).contains("- **C18** Malignant neoplasm of colon, and every code below it")
          .contains("- **C43** Malignant melanoma of skin, and every code below it");
      assertThat(card.at("/links/0/url").asText()).endsWith("/fhir/ValueSet/cpt-81311-indications");
    });
  }

  @Test
  void theLinkedValueSetIsServed() {
    assertThat(TestServer.get("/ValueSet/cpt-81455-indications").statusCode()).isEqualTo(200);
    assertThat(TestServer.get("/ValueSet/cpt-81311-indications").statusCode()).isEqualTo(200);
  }

  @Test
  void codesOutsideOurContentGiveNoCards() {
    // a CPT code without indications, a LOINC-coded order, and an unknown CPT code
    ServiceRequest loinc = order("sr3", "81455");
    loinc.getCode().getCodingFirstRep().setSystem("http://loinc.org").setCode("2345-7");
    Bundle orders = CdsRequests.bundle(Bundle.BundleType.COLLECTION, order("sr1", "81445"), loinc, order("sr2", "99999"));
    // no prefetch at all: nothing needs the Conditions, so no 412 either
    assertThat(cards(post(SIGN, CdsRequests.request("order-sign", orders, null)))).isEmpty();
  }

  @Test
  void eachOrderOfTheBundleIsDecidedOnItsOwn() {
    Bundle orders = CdsRequests.bundle(Bundle.BundleType.COLLECTION,
        order("sr1", "81455", "C92.01"), order("sr2", "81311", "I10"), order("sr3", "81455"));
    Bundle problems = CdsRequests.bundle(Bundle.BundleType.SEARCHSET, condition("c1", "C43.9"));
    List<JsonNode> cards = cards(post(SIGN, CdsRequests.request("order-sign", orders, problems)));
    // sr1 supported by its reason; sr2 supported by the melanoma on the problem list; sr3 not supported
    assertThat(cards).extracting(c -> c.get("indicator").asText()).containsExactly("info", "warning");
    assertThat(cards.get(0).at("/suggestions/0/actions/0/resource/id").asText()).isEqualTo("sr2");
    assertThat(cards.get(0).get("detail").asText()).contains("C43.9").contains("category C43");
    assertThat(cards).extracting(c -> c.get("uuid").asText()).doesNotHaveDuplicates();
  }

  @Test
  void inactiveOrRefutedProblemsDoNotSupport() {
    var resolved = condition("c1", "C92.01");
    resolved.getClinicalStatus().getCodingFirstRep().setCode("resolved");
    var refuted = condition("c2", "C92.11");
    refuted.setVerificationStatus(new org.hl7.fhir.r4.model.CodeableConcept(
        new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));
    List<JsonNode> cards = cards(post(SIGN, orderSign(order("sr1", "81455"), resolved, refuted)));
    assertThat(cards).singleElement().satisfies(c -> assertThat(c.get("indicator").asText()).isEqualTo("warning"));
  }

  @Test
  void withoutConditionsPrefetchedNorAFhirServerTheAnswerIs412() {
    Bundle orders = CdsRequests.bundle(Bundle.BundleType.COLLECTION, order("sr1", "81455", "D46.9"));
    HttpResponse<String> r = post(SIGN, CdsRequests.request("order-sign", orders, null));
    assertThat(r.statusCode()).isEqualTo(412);
    assertThat(read(r).get("error").asText()).contains("conditions");
  }

  @Test
  void aNullPrefetchMeansTheClientCouldNotFetch() {
    ObjectNode req = CdsRequests.request("order-sign",
        CdsRequests.bundle(Bundle.BundleType.COLLECTION, order("sr1", "81455")), null);
    req.putObject("prefetch").putNull("conditions");
    assertThat(post(SIGN, req).statusCode()).isEqualTo(412);
  }
}
