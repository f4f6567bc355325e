package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.moltx.TestServer;

/**
 * Search as people type ($expand with filter): code prefixes, dotted or not, in any case; ranked results (the exact
 * code, then longer codes beginning with it, then text matches by quality), paged by count and offset, flat;
 * billable-only and leaf-only pickers in one request; bad filters a 200 or a 400, never a 5xx.
 */
class SearchHttpTest {
  private static final String ICD_VS = "http://hl7.org/fhir/sid/icd-10-cm?fhir_vs";
  private final IParser parser = FhirContext.forR4Cached().newJsonParser();

  private ValueSet search(String valueSet, String filter, String more) {
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?url=" + enc(valueSet) + "&filter=" + enc(filter)
        + more);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return parser.parseResource(ValueSet.class, r.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static List<String> codes(ValueSet vs) {
    return vs.getExpansion().getContains().stream().map(ValueSetExpansionContainsComponent::getCode).toList();
  }

  private static boolean flat(ValueSet vs) {
    return vs.getExpansion().getContains().stream().noneMatch(ValueSetExpansionContainsComponent::hasContains);
  }

  private ValueSet icd(String filter) {
    return search(ICD_VS, filter, "&count=10");
  }

  @Test
  void aDottedCodeComesFirstThenTheCodesBeginningWithItShorterFirst() {
    ValueSet vs = icd("E11.6");
    assertThat(codes(vs)).containsExactly(E116);
    assertThat(vs.getExpansion().getTotal()).isEqualTo(17);
    assertThat(flat(vs)).isTrue();
  }

  @Test
  void aCodeWithoutItsDotInLowerCaseFindsTheSame() {
    ValueSet vs = icd("e116");
    assertThat(codes(vs)).containsExactly(E116);
    assertThat(vs.getExpansion().getTotal()).isEqualTo(17);
  }

  private static final String[] E116 = {"E11.6", "E11.61", "E11.62", "E11.63", "E11.64", "E11.65", "E11.69",
      "E11.610", "E11.618", "E11.620"};

  @Test
  void aCategoryCodeFindsItsSubcodes() {
    ValueSet vs = icd("C92.0");
    assertThat(codes(vs)).containsExactly("C92.0", "C92.00", "C92.01", "C92.02");
    assertThat(vs.getExpansion().getTotal()).isEqualTo(4);
  }

  @Test
  void aWordRanksTheTitlesThatBeginWithItAndAreShortFirst() {
    ValueSet vs = icd("fever");
    assertThat(codes(vs)).containsExactly(FEVER);
    assertThat(vs.getExpansion().getTotal()).isEqualTo(77);
  }

  private static final String[] FEVER = {"R50.9", "R50.81", "R50", "A78", "A96.2", "A79.0", "A93.1", "R50.82",
      "R50.83", "A75"};

  @Test
  void anemia() {
    ValueSet vs = icd("anemia");
    assertThat(codes(vs)).containsExactly("D64.9", "P61.2", "O99.02", "O99.01", "O90.81", "D63.0", "O99.03", "D63.1",
        "D64.81", "O99.011");
    assertThat(vs.getExpansion().getTotal()).isEqualTo(123);
  }

  @Test
  void twoWordsRankTheShortestTitleFirst() {
    ValueSet vs = icd("acute myeloblastic");
    assertThat(codes(vs)).containsExactly("C92.0", "C92.02", "C92.01", "C92.00");
    assertThat(vs.getExpansion().getTotal()).isEqualTo(4);
  }

  @Test
  void countAndOffsetPageThroughTheRanking() {
    List<String> all = codes(search(ICD_VS, "fever", "&count=100"));
    assertThat(all).hasSize(77).startsWith(FEVER);
    assertThat(codes(search(ICD_VS, "fever", "&count=10&offset=10"))).isEqualTo(all.subList(10, 20));
    assertThat(codes(search(ICD_VS, "fever", "&count=10&offset=75"))).isEqualTo(all.subList(75, 77));
    ValueSet beyond = search(ICD_VS, "fever", "&count=10&offset=500");
    assertThat(codes(beyond)).isEmpty();
    assertThat(beyond.getExpansion().getTotal()).isEqualTo(77);
    // without count the whole value set is ranked alike
    assertThat(codes(search(ICD_VS, "fever", ""))).isEqualTo(all);
  }

  @Test
  void codePrefixesWorkInEveryCodeSystem() {
    assertThat(codes(search("http://nucc.org/provider-taxonomy?fhir_vs", "207zp", "&count=10")))
        .containsExactlyInAnyOrder("207ZP0101X", "207ZP0102X", "207ZP0104X", "207ZP0105X", "207ZP0007X",
            "207ZP0213X");
    assertThat(codes(search("http://www.ama-assn.org/go/cpt?fhir_vs", "8145", "&count=10")))
        .allMatch(c -> c.startsWith("8145")).isNotEmpty();
    assertThat(codes(search(
        "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set?fhir_vs", "1",
        "&count=20"))).allMatch(c -> c.startsWith("1")).contains("11", "12");
  }

  @Test
  void aValueSetRanksItsOwnCodes() {
    ValueSet vs = search("http://moltx.org/fhir/ValueSet/cpt-81455-indications", "acute myeloblastic", "&count=10");
    assertThat(codes(vs)).containsExactly("C92.01");
    ValueSet byCode = search("http://moltx.org/fhir/ValueSet/cpt-81455-indications", "c92.", "&count=3");
    assertThat(codes(byCode)).containsExactly(LEUK_BY_CODE);
  }

  private static final String[] LEUK_BY_CODE = {"C92.01", "C92.41", "C92.51"};

  /** A billable-only (or leaf-only) picker with a text filter: one request. */
  private ValueSet picker(String property, String op, String value, String filter) {
    String body = """
        {"resourceType": "Parameters", "parameter": [
          {"name": "valueSet", "resource": {"resourceType": "ValueSet", "status": "active",
            "compose": {"include": [{"system": "http://hl7.org/fhir/sid/icd-10-cm",
              "filter": [{"property": "%s", "op": "%s", "value": "%s"}]}]}}},
          {"name": "filter", "valueString": "%s"},
          {"name": "count", "valueInteger": 10}]}""".formatted(property, op, value, filter);
    HttpResponse<String> r = TestServer.post("/ValueSet/$expand", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return parser.parseResource(ValueSet.class, r.body());
  }

  @Test
  void aBillableOnlyPickerLeavesTheHeadersOut() {
    ValueSet vs = picker("billable", "=", "true", "E11.6");
    assertThat(codes(vs)).containsExactly(BILLABLE_E116);
    assertThat(vs.getExpansion().getTotal()).isEqualTo(12);
    ValueSet fever = picker("billable", "=", "true", "fever");
    assertThat(codes(fever)).startsWith("R50.9", "R50.81").doesNotContain("R50");
  }

  private static final String[] BILLABLE_E116 = {"E11.65", "E11.69", "E11.610", "E11.618", "E11.620", "E11.621",
      "E11.622", "E11.628", "E11.630", "E11.638"};

  @Test
  void aLeafOnlyPickerLeavesTheParentsOut() {
    ValueSet vs = picker("child", "exists", "false", "C92.0");
    assertThat(codes(vs)).containsExactly("C92.00", "C92.01", "C92.02");
    assertThat(vs.getExpansion().getTotal()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"!@#$%^&*()", ".*[(", "\u0000", "\\", "%", "...", "-", "漢字", "((a|b)*)*c", "'; drop"})
  void badFiltersAreAnEmptyOrRankedExpansionNeverAServerError(String filter) {
    HttpResponse<String> r = TestServer.get("/ValueSet/$expand?url=" + enc(ICD_VS) + "&count=10&filter="
        + enc(filter));
    assertThat(r.statusCode()).as(r.body()).isIn(200, 400);
    if (r.statusCode() == 400) {
      assertThat(parser.parseResource(OperationOutcome.class, r.body()).getIssueFirstRep().getExpression().toString())
          .contains("filter");
    }
  }

  @Test
  void longAndManyWordFiltersAnswerInBoundedTime() {
    long start = System.nanoTime();
    ValueSet longOne = search(ICD_VS, "a".repeat(1000), "&count=10");
    assertThat(longOne.getExpansion().getTotal()).isZero();
    ValueSet fifty = search(ICD_VS, String.join(" ", java.util.Collections.nCopies(50, "type diabetes")),
        "&count=10");
    assertThat(codes(fifty)).isNotEmpty();
    ValueSet fiftyDistinct = search(ICD_VS, String.join(" ", java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> "w" + i).toList()), "&count=10");
    assertThat(fiftyDistinct.getExpansion().getTotal()).isZero();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void accentsAndCaseDoNotMatter() {
    assertThat(codes(icd("FÉVER"))).isEqualTo(codes(icd("fever")));
  }
}
