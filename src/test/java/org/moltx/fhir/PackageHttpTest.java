package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.TerminologyCapabilities;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.moltx.Answers;
import org.moltx.TestServer;

/**
 * HL7 Terminology (THO 7.0.1), shipped as a FHIR NPM package beside our releases: its value sets expand against our
 * releases, its NamingSystems' names for our systems resolve, and its own code systems replace the 2019 core ones.
 */
class PackageHttpTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String THO_VS = "http://terminology.hl7.org/ValueSet/";
  private static final List<String> OUR_CPT = List.of("81311", "81445", "81449", "81450", "81451", "81455", "81456");

  private static ValueSet expand(String url) {
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?excludeNested=true&url=" + url);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(ValueSet.class, r.body());
  }

  private static List<String> codes(ValueSet vs) {
    return vs.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode)
        .sorted().toList();
  }

  @Test
  void placeOfServiceValueSetExpandsFromOurRelease() {
    ValueSet vs = expand(THO_VS + "CMSPlaceOfServiceCodes");
    assertThat(vs.getExpansion().getTotal()).isEqualTo(52);
    assertThat(vs.getExpansion().getParameter()).filteredOn(p -> p.getName().equals("used-codesystem"))
        .extracting(p -> p.getValue().primitiveValue())
        .containsExactly("https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set|2024-05-02");
  }

  @Test
  void nuccValueSetsExpandFromNucc251WithItsHierarchy() {
    assertThat(expand(THO_VS + "v3-NUCCProviderCodes").getExpansion().getTotal()).isEqualTo(883);
    assertThat(codes(expand(THO_VS + "v3-DentistHIPAA"))).containsExactly("122300000X", "1223D0001X", "1223D0004X",
        "1223E0200X", "1223G0001X", "1223P0106X", "1223P0221X", "1223P0300X", "1223P0700X", "1223S0112X",
        "1223X0008X", "1223X0400X", "1223X2210X", "125Q00000X"); // Oral Medicine is a Dentist specialization too
  }

  @Test
  void cptAndHcpcsValueSetsExpandFromOurFragments() {
    assertThat(codes(expand(THO_VS + "cpt-modifiers"))).containsExactly("26");
    assertThat(codes(expand(THO_VS + "cpt-base"))).isEqualTo(OUR_CPT);
    assertThat(codes(expand(THO_VS + "cpt-usable"))).isEqualTo(OUR_CPT);
    assertThat(codes(expand(THO_VS + "v3-HealthCareCommonProcedureCodingSystem"))).containsExactly("TC");
  }

  @ParameterizedTest
  @CsvSource({
      "http://terminology.hl7.org/CodeSystem/icd10CM, E11.9, http://hl7.org/fhir/sid/icd-10-cm",
      "urn:oid:2.16.840.1.113883.6.90, E11.9, http://hl7.org/fhir/sid/icd-10-cm",
      "urn:oid:2.16.840.1.113883.15.5, 11, https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
      "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets, TC, http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
      "urn:oid:2.16.840.1.113883.6.285, TC, http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
      "http://terminology.hl7.org/CodeSystem/v3-nuccProviderCodes, 122300000X, http://nucc.org/provider-taxonomy",
      "urn:oid:2.16.840.1.113883.6.101, 122300000X, http://nucc.org/provider-taxonomy",
      "urn:oid:2.16.840.1.113883.6.12, 81455, http://www.ama-assn.org/go/cpt"})
  void everyAliasValidatesAndTheAnswerNamesTheCanonical(String alias, String code, String canonical) {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$validate-code?url=" + alias + "&code=" + code);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Parameters out = Answers.parameters(r.body());
    assertThat(out.getParameterBool("result")).as(r.body()).isTrue();
    assertThat(out.getParameterValue("system").primitiveValue()).isEqualTo(canonical);
  }

  @Test
  void anAliasInAValueSetIncludeResolves() {
    HttpResponse<String> r = TestServer.post("/ValueSet/$expand", """
        {"resourceType":"Parameters","parameter":[{"name":"valueSet","resource":{"resourceType":"ValueSet",
         "compose":{"include":[{"system":"http://terminology.hl7.org/CodeSystem/icd10CM",
         "concept":[{"code":"E11.9"}]}]}}}]}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    ValueSet vs = FHIR.newJsonParser().parseResource(ValueSet.class, r.body());
    assertThat(vs.getExpansion().getContains()).extracting(c -> c.getSystem() + "|" + c.getCode())
        .containsExactly("http://hl7.org/fhir/sid/icd-10-cm|E11.9");
  }

  @Test
  void anAliasInAValueSetIncludeValidates() {
    String valueSet = """
        {"resourceType":"ValueSet","url":"http://example.org/ValueSet/dx","compose":{"include":[
         {"system":"http://terminology.hl7.org/CodeSystem/icd10CM","concept":[{"code":"E11.9"}]}]}}""";
    for (String code : List.of("E11.9", "C92.01")) {
      HttpResponse<String> r = TestServer.post("/ValueSet/$validate-code", """
          {"resourceType":"Parameters","parameter":[{"name":"valueSet","resource":%s},
           {"name":"system","valueUri":"http://hl7.org/fhir/sid/icd-10-cm"},{"name":"code","valueCode":"%s"}]}"""
          .formatted(valueSet, code));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(Answers.parameters(r.body()).getParameterBool("result")).as(r.body()).isEqualTo(code.equals("E11.9"));
    }
  }

  @Test
  void aThoOnlyCodeIsLookedUpInThoVersion() {
    HttpResponse<String> r = TestServer.get("/CodeSystem/$lookup?system=http://terminology.hl7.org/CodeSystem/v2-0203"
        + "&code=MR&property=display");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Parameters out = Answers.parameters(r.body());
    assertThat(out.getParameterValue("version").primitiveValue()).isEqualTo("5.0.0");
    assertThat(out.getParameterValue("display").primitiveValue()).isEqualTo("Medical record number");
  }

  @Test
  void packageCodeSystemsAreFoundByUrlReadByIdAndListed() {
    Bundle found = TestServer.client().search().forResource(CodeSystem.class)
        .where(CodeSystem.URL.matches().value("http://terminology.hl7.org/CodeSystem/v2-0203"))
        .returnBundle(Bundle.class).execute();
    assertThat(found.getEntry()).extracting(e -> ((CodeSystem) e.getResource()).getVersion()).containsExactly("5.0.0");
    HttpResponse<String> read = TestServer.get("/CodeSystem/v2-0203");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(FHIR.newJsonParser().parseResource(CodeSystem.class, read.body()).getUrl())
        .isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0203");
    HttpResponse<String> tc = TestServer.get("/metadata?mode=terminology");
    TerminologyCapabilities caps = FHIR.newJsonParser().parseResource(TerminologyCapabilities.class, tc.body());
    assertThat(caps.getCodeSystem()).filteredOn(c -> c.getUri().equals("http://terminology.hl7.org/CodeSystem/v2-0203"))
        .singleElement().satisfies(c -> assertThat(c.getVersion()).extracting(v -> v.getCode() + " " + v.getIsDefault())
            .containsExactly("5.0.0 true"));
    // our release keeps its canonical: THO's Place of Service code system is shadowed, not listed beside it
    assertThat(caps.getCodeSystem()).filteredOn(c -> c.getUri().equals(
        "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"))
        .singleElement().satisfies(c -> assertThat(c.getVersion()).extracting(v -> v.getCode())
            .containsExactly("2024-05-02"));
  }

  @Test
  void packageValueSetsAreFoundByUrlAndReadById() {
    Bundle found = TestServer.client().search().forResource(ValueSet.class)
        .where(ValueSet.URL.matches().value(THO_VS + "cpt-modifiers")).returnBundle(Bundle.class).execute();
    assertThat(found.getEntry()).extracting(e -> ((ValueSet) e.getResource()).getVersion()).containsExactly("1.0.0");
    HttpResponse<String> read = TestServer.get("/ValueSet/v3-DentistHIPAA");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(FHIR.newJsonParser().parseResource(ValueSet.class, read.body()).getUrl())
        .isEqualTo(THO_VS + "v3-DentistHIPAA");
  }
}
