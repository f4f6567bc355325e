package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.gclient.UriClientParam;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

class ResourceSearchHttpTest {
  private final IGenericClient client = TestServer.client();

  @Test
  void readReturnsTheAuthoredCodeSystem() {
    CodeSystem cpt = client.read().resource(CodeSystem.class).withId("cpt").execute();
    assertThat(cpt.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.FRAGMENT);
    assertThat(cpt.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).contains("81455", "26");
    assertThat(cpt.getCopyright()).isEqualTo("CPT is a registered trademark of the American Medical Association (AMA). "
        + "CPT codes and descriptors are copyright AMA; all rights reserved. The displays published by moltx are moltx's "
        + "own paraphrases, not the AMA CPT descriptors. A CPT licensee may load the official AMA descriptor file into "
        + "this server to obtain the official descriptors.");
  }

  @Test
  void searchByUrlLeavesOutTheConceptsOfALargeCodeSystem() {
    Bundle b = client.search().forResource(CodeSystem.class)
        .where(new UriClientParam("url").matches().value(LookupHttpTest.ICD)).returnBundle(Bundle.class).execute();
    assertThat(b.getEntry()).hasSize(2).allSatisfy(e -> {
      CodeSystem cs = (CodeSystem) e.getResource();
      assertThat(cs.getConcept()).isEmpty();
      assertThat(cs.getMeta().getTag()).anySatisfy(t -> assertThat(t.getCode()).isEqualTo("SUBSETTED"));
    });
    assertThat(b.getEntry()).extracting(e -> ((CodeSystem) e.getResource()).getVersion()).containsExactlyInAnyOrder("2026", "2027");
  }

  /** HAPI's remote terminology support always asks _summary=false: still no concepts, and content not-present. */
  @Test
  void summaryFalseStillLeavesOutTheConceptsOfALargeCodeSystem() {
    Bundle b = client.search().forResource(CodeSystem.class)
        .where(new UriClientParam("url").matches().value(LookupHttpTest.ICD)).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.FALSE)
        .returnBundle(Bundle.class).execute();
    assertThat(b.getEntry()).hasSize(2).allSatisfy(e -> {
      CodeSystem cs = (CodeSystem) e.getResource();
      assertThat(cs.getConcept()).isEmpty();
      assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.NOTPRESENT);
      assertThat(cs.getCount()).isGreaterThan(90_000);
    });
  }

  @Test
  void searchByUrlAndVersion() {
    Bundle b = client.search().forResource(CodeSystem.class)
        .where(new UriClientParam("url").matches().value(LookupHttpTest.ICD))
        .and(new TokenClientParam("version").exactly().code("2026")).returnBundle(Bundle.class).execute();
    assertThat(b.getEntry()).singleElement()
        .satisfies(e -> assertThat(((CodeSystem) e.getResource()).getCount()).isEqualTo(98_186));
  }

  @Test
  void readOfAReleaseReturnsItWhole() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/cms-place-of-service");
    assertThat(r.statusCode()).isEqualTo(200);
    CodeSystem pos = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class, r.body());
    assertThat(pos.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
    assertThat(pos.getConcept()).hasSize(pos.getCount());
    assertThat(pos.getConcept()).filteredOn(c -> c.getCode().equals("81")).singleElement()
        .satisfies(c -> assertThat(c.getDisplay()).isEqualTo("Independent Laboratory"));
    assertThat(TestServer.get("/CodeSystem/does-not-exist").statusCode()).isEqualTo(404);
  }

  @Test
  void conceptMapsAreFoundByTheCodesTheyMap() {
    Bundle b = client.search().forResource(ConceptMap.class)
        .where(new TokenClientParam("source-code").exactly().code("81311"))
        .and(new UriClientParam("target-system").matches().value("http://nucc.org/provider-taxonomy"))
        .returnBundle(Bundle.class).execute();
    assertThat(b.getEntry()).singleElement()
        .satisfies(e -> assertThat(((ConceptMap) e.getResource()).getUrl()).endsWith("cpt-nucc-specialties"));
    Bundle byTarget = client.search().forResource(ConceptMap.class)
        .where(new TokenClientParam("target-code").exactly().code("C92.41")).returnBundle(Bundle.class).execute();
    assertThat(byTarget.getEntry()).hasSize(1);
  }

  @Test
  void valueSetsAreFoundByUrlAndName() {
    Bundle b = client.search().forResource(ValueSet.class)
        .where(new UriClientParam("url").matches().value("http://moltx.org/fhir/ValueSet/cpt-81455-indications"))
        .returnBundle(Bundle.class).execute();
    assertThat(b.getEntry()).hasSize(1);
    HttpResponse<String> r = TestServer.get("/ValueSet?name=cpt");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(TestServer.get("/ValueSet?bogus=1").statusCode()).isEqualTo(400);
  }
}
