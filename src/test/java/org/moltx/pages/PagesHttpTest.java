package org.moltx.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.moltx.TestServer;

/**
 * The pages for people over HTTP, read as a browser would (jsoup): what each page says, the escaping of everything
 * typed, the security headers, and a clear 4xx page for bad input.
 */
class PagesHttpTest {
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final List<String> INDICATIONS_81455 = List.of("C92.01", "C92.41", "C92.51", "C92.61", "C92.Z1",
      "C92.91", "C93.01", "C94.01", "C94.21", "C92.10", "C92.11");

  static HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return TestServer.send(b);
  }

  static Document page(String path, int status) {
    HttpResponse<String> r = get(path, "Accept", "text/html");
    assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    return Jsoup.parse(r.body(), TestServer.baseUrl());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static List<String> texts(Document d, String css) {
    return d.select(css).eachText();
  }

  @Test
  void theHomePageHasAFocusedSearchBoxTheLicencesAndTheSecurityHeaders() {
    HttpResponse<String> r = get("/", "Accept", "text/html");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; script-src 'self'; "
        + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        + "form-action 'self'");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    Document d = Jsoup.parse(r.body());
    Element q = d.selectFirst("input#q");
    assertThat(q.hasAttr("autofocus")).isTrue();
    assertThat(q.attr("role")).isEqualTo("combobox");
    assertThat(d.select("script").eachAttr("src")).containsExactly("/static/suggest.js");
    assertThat(d.select("[style]")).isEmpty();
    assertThat(texts(d, "footer p")).contains(Layout.CPT_NOTE, Layout.NUCC_NOTE, Layout.CMS_NOTE);
    assertThat(d.select("footer p").last().text()).startsWith("Loaded releases: ").contains("ICD-10-CM 2027",
        "ICD-10-CM 2026");
    assertThat(d.select("#system option").eachAttr("value")).containsExactly("", ICD,
        "http://nucc.org/provider-taxonomy",
        "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set", CPT,
        "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets");
  }

  @Test
  void searchShowsTheRankedSearchAsAPageWithoutJavaScript() {
    Document d = page("/search?q=E11.6", 200);
    assertThat(texts(d, "ol.results li a.code")).containsExactly("E11.6", "E11.61", "E11.62", "E11.63", "E11.64",
        "E11.65", "E11.69", "E11.610", "E11.618", "E11.620", "E11.621", "E11.622", "E11.628", "E11.630", "E11.638",
        "E11.641", "E11.649");
    assertThat(d.selectFirst("p.summary").text()).isEqualTo("17 matches (ICD-10-CM: 17).");
    Element first = d.selectFirst("ol.results li");
    assertThat(first.select(".badge").eachText()).containsExactly("header");
    assertThat(first.selectFirst("a.code").attr("href")).isEqualTo("/code?system=" + enc(ICD) + "&code=E11.6");
    assertThat(d.selectFirst("input#q").attr("value")).isEqualTo("E11.6");
  }

  @Test
  void searchInOneSystemAndAcrossSystemsUseTheSameRanking() {
    Document all = page("/search?q=acute%20myeloblastic", 200);
    Document icd = page("/search?q=acute%20myeloblastic&system=" + enc(ICD), 200);
    assertThat(texts(all, "ol.results li a.code")).isEqualTo(texts(icd, "ol.results li a.code"))
        .startsWith("C92.0", "C92.02", "C92.01", "C92.00");
  }

  @Test
  void suggestionsAreTheSameSearchAsJson() throws Exception {
    HttpResponse<String> r = get("/suggest?q=8145");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
    JsonNode items = new ObjectMapper().readTree(r.body()).get("items");
    assertThat(items.findValuesAsText("code")).containsExactly("81455", "81450", "81451", "81456");
    assertThat(items.get(1).toString()).isEqualTo("{\"code\":\"81450\",\"display\":\"Genomic sequencing "
        + "panel, hematolymphoid neoplasm or disorder, 5 to 50 genes; DNA, or combined DNA and RNA, analysis\","
        + "\"system\":\"http://www.ama-assn.org/go/cpt\",\"systemName\":\"Current Procedural Terminology (CPT) - "
        + "moltx fragment\",\"status\":\"\",\"href\":\"/code?system=http%3A%2F%2Fwww.ama-assn.org%2Fgo%2Fcpt"
        + "&code=81450\"}");
    JsonNode e116 = new ObjectMapper().readTree(get("/suggest?q=e116&system=" + enc(ICD)).body()).get("items");
    assertThat(e116.get(0).get("status").asText()).isEqualTo("header");
    assertThat(e116.get(1).get("code").asText() + " " + e116.get(1).get("status").asText()).isEqualTo("E11.61 header");
    HttpResponse<String> missing = get("/suggest");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).isEqualTo("{\"error\":\"Missing 'q': give the text typed.\"}");
  }

  @Test
  void whatIsTypedIsShownAsTextNeverAsMarkup() {
    Document d = page("/search?q=" + enc("<script>alert(1)</script>"), 200);
    assertThat(d.selectFirst("h1").text()).isEqualTo("Search: <script>alert(1)</script>");
    assertThat(d.select("script").eachAttr("src")).containsExactly("/static/suggest.js");
    assertThat(d.selectFirst("input#q").attr("value")).isEqualTo("<script>alert(1)</script>");
    Document accents = page("/search?q=" + enc("Fi\u00e8vre \u00e9t\u00e9 \u6f22\u5b57"), 200);
    assertThat(accents.selectFirst("h1").text()).isEqualTo("Search: Fi\u00e8vre \u00e9t\u00e9 \u6f22\u5b57");
    Document code = page("/code?system=" + enc(ICD) + "&code=" + enc("\"><img src=x onerror=alert(1)>"), 404);
    assertThat(code.select("img")).isEmpty();
    assertThat(code.selectFirst("p.problem").text()).isEqualTo("'\"><img src=x onerror=alert(1)>' is not a code of "
        + ICD + " version 2027.");
  }

  @Test
  void aCptCodePageShowsIndicationsRelatedCodesSpecialtiesModifiersAndPlaceOfService() {
    Document d = page("/code?system=" + enc(CPT) + "&code=81455", 200);
    assertThat(d.selectFirst("h1").text()).isEqualTo("81455 Genomic sequencing panel, solid organ or hematolymphoid "
        + "neoplasm or disorder, 51 or more genes; DNA, or combined DNA and RNA, analysis");
    assertThat(texts(d, "#indications tbody a.code")).isEqualTo(INDICATIONS_81455);
    assertThat(d.select("#indications tbody tr").get(0).select("td").get(1).text())
        .isEqualTo("Acute myeloblastic leukemia, in remission");
    assertThat(d.selectFirst("#indications p.fhir-link a").attr("href")).isEqualTo("/fhir/ConceptMap/$translate?url="
        + enc("http://moltx.org/fhir/ConceptMap/cpt-icd10cm-indications") + "&system=" + enc(CPT)
        + "&code=81455&targetsystem=" + enc(ICD));
    List<String> sections = texts(d, "section h2");
    assertThat(sections).contains("CPT genomic sequencing panel 81455 to related CPT codes",
        "CPT molecular pathology codes to NUCC provider specialties");
    Element related = d.select("section").stream().filter(s -> s.selectFirst("h2").text().contains("related CPT"))
        .findFirst().orElseThrow();
    assertThat(related.select("tbody tr").stream().map(tr -> tr.select("a.code").text() + " "
        + tr.select("td").get(1).text()).toList()).containsExactly("81445 narrower", "81450 narrower",
        "81449 relatedto", "81451 relatedto", "81456 relatedto");
    assertThat(texts(d, "#billing tbody tr")).containsExactly(
        "usual modifier 26 Professional component (Current Procedural Terminology (CPT) - moltx fragment)",
        "usual modifier TC Technical component (HCPCS Level II - moltx fragment)",
        "place of service 81 Independent Laboratory (CMS Place of Service Codes)");
    assertThat(d.selectFirst("#billing a.code").attr("href")).isEqualTo("/code?system=" + enc(CPT) + "&code=26");
    assertThat(texts(d, "#value-sets li > a:first-child")).contains("CPT genomic sequencing panels for neoplasms");
  }

  @Test
  void anIcdCodePageShowsItsHierarchyAndTheTestsItIndicatesDirectlyOrThroughAnAncestor() {
    Document d = page("/code?system=" + enc(ICD) + "&code=C92.01", 200);
    assertThat(texts(d, "nav.breadcrumb li")).containsExactly("C92", "C92.0", "C92.01");
    assertThat(texts(d, "#tests li")).containsExactly(
        "81455 Genomic sequencing panel, solid organ or hematolymphoid neoplasm or disorder, 51 or more genes; DNA, "
            + "or combined DNA and RNA, analysis: listed for C92.01 itself \u00b7 check an order of 81455",
        "81311 NRAS gene analysis, variants in exon 2 (codons 12 and 13) and exon 3 (codon 61): through its ancestor "
            + "C92.0 Acute myeloblastic leukemia \u00b7 check an order of 81311");
    assertThat(d.select(".badge").eachText()).containsExactly("billable");
    Document header = page("/code?system=" + enc(ICD) + "&code=C92.0", 200);
    assertThat(texts(header, "ul.children a.code")).containsExactly("C92.00", "C92.01", "C92.02");
    assertThat(header.selectFirst("dl.facts .badge").text()).isEqualTo("header");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Z29.14|Title changed in 2027.|2026|Encounter for prophylactic rabies immune globin",
      "D69.11|New in 2027.||",
      "T52.8X1|Deleted in 2027 (last valid in 2026).||"})
  void anIcdCodePageSaysWhatChangedBetween2026And2027(String code, String change, String older, String title) {
    Document d = page("/code?system=" + enc(ICD) + "&code=" + code, 200);
    assertThat(d.selectFirst("#release-change h2").text()).isEqualTo("Changes from 2026 to 2027");
    assertThat(d.selectFirst("#release-change p.change").text()).isEqualTo(change);
    if (older != null) {
      assertThat(texts(d, "#release-change dd")).containsExactly(title,
          "Encounter for prophylactic rabies immune globulin");
    }
  }

  @Test
  void aCodeWithoutItsDotFindsTheDottedCode() {
    assertThat(page("/code?system=" + enc(ICD) + "&code=c9201", 200).selectFirst("h1 .code").text())
        .isEqualTo("C92.01");
  }

  @Test
  void anUnknownCodeIsA404PageWithNearMatches() {
    Document d = page("/code?system=" + enc(ICD) + "&code=C92.0Q", 404);
    assertThat(d.selectFirst("h1").text()).isEqualTo("Unknown code");
    assertThat(texts(d, "ul.results a.code")).startsWith("C92.0", "C92.00", "C92.01", "C92.02");
  }

  @Test
  void theOrderCheckGivesTheCdsDecision() {
    Document ok = page("/check?code=81455&diagnosis=C92.01", 200);
    assertThat(ok.selectFirst("#answer h2").text()).isEqualTo("Supported");
    assertThat(ok.selectFirst("#answer .card-summary").text()).isEqualTo("C92.01 supports CPT 81455.");
    assertThat(ok.select("#answer .accepted")).isEmpty();

    Document via = page("/check?code=81311&diagnosis=C92.00", 200);
    assertThat(via.selectFirst("#answer h2").text()).isEqualTo("Supported through an ancestor");
    assertThat(texts(via, "#answer .findings li")).containsExactly("C92.00 Acute myeloblastic leukemia, not having "
        + "achieved remission: a listed indication as a code of category C92.0 Acute myeloblastic leukemia");

    Document no = page("/check?code=81455&diagnosis=J45.909", 200);
    assertThat(no.selectFirst("#answer h2").text()).isEqualTo("Not supported");
    assertThat(no.selectFirst("#answer .card-summary").text())
        .isEqualTo("CPT 81455 has no listed indication among the order's diagnoses.");
    assertThat(texts(no, "#answer .accepted a.code")).isEqualTo(INDICATIONS_81455);
    assertThat(no.selectFirst("#check-diagnosis-1").attr("value")).isEqualTo("J45.909");
  }

  @Test
  void valueSetAndConceptMapPagesShowTheirContent() {
    Document vs = page("/valueset/cpt-81455-indications", 200);
    assertThat(texts(vs, "tbody a.code")).isEqualTo(INDICATIONS_81455);
    Document big = page("/valueset/cpt-81311-indications?offset=50", 200);
    assertThat(big.selectFirst("section h2").text()).startsWith("Expansion: ").contains(", 51 to ");
    assertThat(big.select("nav.pager a").eachAttr("rel")).startsWith("prev");
    Document map = page("/conceptmap/cpt-icd10cm-indications", 200);
    assertThat(texts(map, "section h2")).containsExactly("By source (23 links)", "By target");
  }

  @Test
  void fhirForABrowserIsReadableHtmlAndForClientsUnchanged() {
    String lookup = "/fhir/CodeSystem/$lookup?system=" + enc(CPT) + "&code=81455";
    Document d = page(lookup, 200);
    assertThat(d.select("pre.json .j-key").eachText()).contains("\"resourceType\"", "\"parameter\"");
    assertThat(d.selectFirst("pre.json .j-string").text()).isEqualTo("\"Parameters\"");
    HttpResponse<String> json = get(lookup, "Accept", "application/fhir+json");
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=utf-8");
    assertThat(json.body()).startsWith("{\"resourceType\":\"Parameters\"");
    HttpResponse<String> format = get(lookup + "&_format=json", "Accept", "text/html");
    assertThat(format.body()).startsWith("{\"resourceType\":\"Parameters\"");
    HttpResponse<String> again = get(lookup, "Accept", "text/html");
    assertThat(again.body()).isEqualTo(get(lookup, "Accept", "text/html").body());
    assertThat(again.headers().firstValue("Content-Security-Policy")).hasValue(BrowserHeaders.POLICY);
    Document missing = page("/fhir/CodeSystem/$lookup?system=" + enc(CPT) + "&code=00000", 404);
    assertThat(missing.selectFirst("pre.json .j-string").text()).isEqualTo("\"OperationOutcome\"");
  }

  @Test
  void aFhirAnswerTooLargeForAPageGoesToTheBrowserAsTheJsonItIs() {
    HttpResponse<String> html = get("/fhir/CodeSystem/nucc-provider-taxonomy", "Accept", "text/html");
    HttpResponse<String> json = get("/fhir/CodeSystem/nucc-provider-taxonomy", "Accept", "application/fhir+json");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=utf-8");
    assertThat(html.body()).hasSizeGreaterThan(FhirHtmlFilter.MAX_PAGE_JSON).isEqualTo(json.body());
  }

  @Test
  void assetsAreServedFromTheJarWithCachingHeaders() {
    HttpResponse<String> css = get("/static/moltx.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");
    assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    assertThat(get("/static/suggest.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript;charset=utf-8");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/search|400|'q'",
      "/search?q=%20|400|'q'",
      "/search?q=x&system=http://example.org/none|400|no code system 'http://example.org/none'",
      "/code?code=81455|400|'system'",
      "/code?system=http://www.ama-assn.org/go/cpt|400|'code'",
      "/code?system=http://www.ama-assn.org/go/cpt&code=81455&version=1999|404|no version '1999'",
      "/check?code=99999&diagnosis=C92.01|404|no ICD-10-CM indications",
      "/valueset/nope|404|no ValueSet with id 'nope'",
      "/valueset/cpt-81311-indications?offset=abc|400|'offset'",
      "/valueset/cpt-81311-indications?offset=999999|400|past the expansion's",
      "/conceptmap/%3Cb%3E|404|not a resource id",
      "/search?q=a&q=b|400|once",
      "/search?q=acute&sytem=x|400|no parameter 'sytem'; it takes q, system",
      "/valueset/cpt-81311-indications?ofset=50|400|no parameter 'ofset'; it takes offset",
      "/?x=1|400|no parameter 'x'."})
  void badInputIsAClear4xxPage(String path, int status, String says) {
    Document d = page(path, status);
    assertThat(d.selectFirst("p.problem").text()).contains(says);
  }

  @Test
  void anUnknownPathIsA404PageForABrowserAndAnOperationOutcomeForAClient() {
    Document d = page("/no/such/page", 404);
    assertThat(d.selectFirst("p.problem").text()).isEqualTo("There is no page at /no/such/page.");
    HttpResponse<String> client = get("/no/such/page", "Accept", "application/fhir+json");
    assertThat(client.statusCode()).isEqualTo(404);
    assertThat(client.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
  }

  @Test
  void overLongInputIsRefused() {
    Document d = page("/search?q=" + "a".repeat(201), 400);
    assertThat(d.selectFirst("p.problem").text()).isEqualTo("'q' is 201 characters long; at most 200 are accepted.");
    assertThat(get("/search?q=" + "a".repeat(9000)).statusCode()).isEqualTo(414);
  }

  @Test
  void pagesAreTimedAsOperationPageInTheMetrics() {
    get("/code?system=" + enc(CPT) + "&code=81455");
    String metrics = get("/metrics").body();
    assertThat(metrics.lines().filter(l -> l.startsWith("moltx_requests_seconds_count{")
        && l.contains("operation=\"page\"") && l.contains("status=\"2xx\""))).hasSize(1);
  }

  @Test
  void headIsAnsweredLikeGet() {
    HttpResponse<String> head = TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl()
        + "/code?system=" + enc(CPT) + "&code=81455")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void thePagesAreReadOnly() {
    HttpResponse<String> r = TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + "/search?q=x"))
        .POST(HttpRequest.BodyPublishers.ofString("q=x")));
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
      HttpResponse<String> other = TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + "/code"))
          .method(method, HttpRequest.BodyPublishers.noBody()));
      assertThat(other.statusCode()).as(method).isEqualTo(405);
      assertThat(other.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
    }
  }
}
