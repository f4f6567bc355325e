package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/** FHIR batch Bundles POSTed to the base, and ValueSet/$batch-validate-code: each entry answered on its own. */
class BatchHttpTest {
  static final String ICD = LookupHttpTest.ICD;
  static final String ICD_ALL = ICD + "?fhir_vs";
  static final String SEED_LABEL = "Chronic lymphocytic leukemia of B-cell, not in remission";
  static final String C92_41 = "Acute promyelocytic leukemia, in remission";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private static <T extends Resource> T parse(Class<T> type, HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return FHIR.newJsonParser().parseResource(type, response.body());
  }

  private static String json(Resource r) {
    return FHIR.newJsonParser().encodeResourceToString(r);
  }

  private static String string(Parameters p, String name) {
    ParametersParameterComponent pp = p.getParameter(name);
    return pp == null ? null : pp.getValue().primitiveValue();
  }

  private static String text(OperationOutcome oo) {
    return oo.getIssueFirstRep().getDetails().getText();
  }

  private static Parameters coding(String code, String display) {
    Parameters p = new Parameters();
    p.addParameter("coding", new Coding(ICD, code, display));
    return p;
  }

  // --- batch Bundles ---

  private static Bundle batch(Bundle.BundleType type) {
    Bundle b = new Bundle().setType(type);
    b.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("CodeSystem/$lookup?system=" + ICD + "&code=C92.10");
    Parameters validate = new Parameters();
    validate.addParameter("url", new UriType(ICD_ALL)).addParameter("code", new CodeType("C92.41"))
        .addParameter("system", new UriType(ICD)).addParameter("display", new StringType(SEED_LABEL));
    b.addEntry().setResource(validate).getRequest().setMethod(HTTPVerb.POST).setUrl("ValueSet/$validate-code");
    b.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("CodeSystem/$lookup?system=" + ICD + "&code=NOPE");
    b.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("ValueSet/$expand?url=" + ICD_ALL + "&bogus=1");
    b.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("ValueSet/x");
    b.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/1");
    b.addEntry().getRequest().setMethod(HTTPVerb.GET)
        .setUrl(TestServer.fhirBase() + "/ValueSet/$expand?url=" + ICD_ALL + "&filter=promyelocytic&count=5");
    return b;
  }

  @Test
  void eachEntryOfABatchIsAnsweredOnItsOwnInOrder() {
    Bundle out = parse(Bundle.class, TestServer.post("", json(batch(Bundle.BundleType.BATCH))), 200);
    assertThat(out.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
    List<BundleEntryComponent> e = out.getEntry();
    assertThat(e).hasSize(7);
    assertThat(e).extracting(x -> x.getResponse().getStatus()).containsExactly(
        "200 OK", "200 OK", "404 Not Found", "400 Bad Request", "400 Bad Request", "400 Bad Request", "200 OK");

    Parameters lookup = (Parameters) e.get(0).getResource();
    assertThat(string(lookup, "display")).isEqualTo("Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission");

    Parameters validation = (Parameters) e.get(1).getResource();
    assertThat(((BooleanType) validation.getParameter("result").getValue()).booleanValue()).isFalse();
    assertThat(string(validation, "message")).contains(C92_41);

    assertThat(e.get(2).hasResource()).isFalse();
    assertThat(text((OperationOutcome) e.get(2).getResponse().getOutcome())).contains("NOPE");
    assertThat(text((OperationOutcome) e.get(3).getResponse().getOutcome())).contains("bogus");
    assertThat(text((OperationOutcome) e.get(4).getResponse().getOutcome())).contains("DELETE");
    assertThat(text((OperationOutcome) e.get(5).getResponse().getOutcome())).contains("Patient/1");

    ValueSet expansion = (ValueSet) e.get(6).getResource();
    assertThat(expansion.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
        .contains("C92.41");
  }

  @Test
  void aTransactionIsRefusedAsTheServerIsReadOnly() {
    OperationOutcome oo = parse(OperationOutcome.class,
        TestServer.post("", json(batch(Bundle.BundleType.TRANSACTION))), 400);
    assertThat(text(oo)).contains("transaction");
  }

  @Test
  void aPostEntryWithoutParametersIsRefusedAlone() {
    Bundle b = new Bundle().setType(Bundle.BundleType.BATCH);
    b.addEntry().getRequest().setMethod(HTTPVerb.POST).setUrl("CodeSystem/$lookup");
    b.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("CodeSystem/$lookup?system=" + ICD + "&code=C92.41");
    Bundle out = parse(Bundle.class, TestServer.post("", json(b)), 200);
    assertThat(out.getEntry()).extracting(x -> x.getResponse().getStatus()).containsExactly("400 Bad Request", "200 OK");
    assertThat(string((Parameters) out.getEntry().get(1).getResource(), "display")).isEqualTo(C92_41);
  }

  // --- ValueSet/$batch-validate-code ---

  private static List<Resource> batchValidate(Parameters in) {
    Parameters out = parse(Parameters.class, TestServer.post("/ValueSet/$batch-validate-code", json(in)), 200);
    assertThat(out.getParameter()).allSatisfy(p -> assertThat(p.getName()).isEqualTo("validation"));
    return out.getParameter().stream().map(p -> (Resource) p.getResource()).toList();
  }

  private static boolean result(Resource r) {
    return ((BooleanType) ((Parameters) r).getParameter("result").getValue()).booleanValue();
  }

  @Test
  void batchValidateAnswersEachValidationWithTheSharedParameters() {
    Parameters in = new Parameters();
    in.addParameter("url", new UriType(ICD_ALL));
    in.addParameter("lenient-display-validation", new BooleanType(true));
    in.addParameter().setName("validation").setResource(coding("C92.10", null));
    in.addParameter().setName("validation").setResource(coding("C92.41", SEED_LABEL));
    Parameters strict = coding("C92.41", SEED_LABEL);
    strict.addParameter("lenient-display-validation", new BooleanType(false));
    in.addParameter().setName("validation").setResource(strict);
    Parameters misspelt = new Parameters();
    misspelt.addParameter("codingX", new Coding(ICD, "C92.41", null));
    in.addParameter().setName("validation").setResource(misspelt);
    Parameters unknown = coding("C92.10", null);
    unknown.addParameter("colour", new StringType("red"));
    in.addParameter().setName("validation").setResource(unknown);
    in.addParameter().setName("validation").setResource(coding("C9210", null));

    List<Resource> out = batchValidate(in);
    assertThat(out).hasSize(6);
    assertThat(result(out.get(0))).isTrue();
    assertThat(string((Parameters) out.get(0), "code")).isEqualTo("C92.10");
    // shared lenient-display-validation: the seed's wrong label is a warning
    assertThat(result(out.get(1))).isTrue();
    assertThat(string((Parameters) out.get(1), "message")).contains(C92_41);
    // the validation's own lenient-display-validation=false wins: an error
    assertThat(result(out.get(2))).isFalse();
    assertThat(string((Parameters) out.get(2), "message")).contains(C92_41);
    assertThat(text((OperationOutcome) out.get(3))).startsWith("Unable to find code to validate");
    assertThat(text((OperationOutcome) out.get(4))).contains("colour");
    assertThat(result(out.get(5))).isFalse();
    assertThat(string((Parameters) out.get(5), "message")).contains("C92.10");
  }

  @Test
  void batchValidateUsesTheRequestsTxResourcesForEveryValidation() {
    ValueSet vs = new ValueSet().setUrl("urn:uuid:5b8a0c52-4a55-4c3e-9d8c-batch-test").setStatus(
        org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
    vs.getCompose().addInclude().setSystem(ICD).addConcept().setCode("C92.10");
    Parameters in = new Parameters();
    in.addParameter().setName("tx-resource").setResource(vs);
    in.addParameter("url", new UriType(vs.getUrl()));
    in.addParameter().setName("validation").setResource(coding("C92.10", null));
    in.addParameter().setName("validation").setResource(coding("C92.41", null));
    List<Resource> out = batchValidate(in);
    assertThat(out).hasSize(2);
    assertThat(result(out.get(0))).isTrue();
    assertThat(result(out.get(1))).isFalse();
    assertThat(string((Parameters) out.get(1), "message")).contains(vs.getUrl());
  }

  @Test
  void batchValidateWithoutValidationsIsRefused() {
    Parameters in = new Parameters();
    in.addParameter("url", new UriType(ICD_ALL));
    OperationOutcome oo = parse(OperationOutcome.class, TestServer.post("/ValueSet/$batch-validate-code", json(in)), 400);
    assertThat(text(oo)).contains("validation");
  }
}
