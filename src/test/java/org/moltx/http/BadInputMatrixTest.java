package org.moltx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed, oversized, conflicting, wrong-typed and hostile requests across every endpoint, against the server with
 * production settings (small limits, admin token). None may answer 5xx or hang; every 4xx carries an
 * OperationOutcome (the CDS Hooks error JSON under /cds-services) that says what was wrong, with no stack trace or
 * server path; the server still answers a normal request afterwards.
 */
class BadInputMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final String ICD_VS = ICD + "?fhir_vs";
  private static final String MAP = "http://moltx.org/fhir/ConceptMap/cpt-icd10cm-indications";
  private static final String JSON_TYPE = "application/fhir+json";
  private static final String XML_TYPE = "application/fhir+xml";

  /** What a case must answer: any status below 500, or a client error (4xx), or one exact status. */
  private record Expect(int min, int max) {
    static final Expect NOT_5XX = new Expect(200, 499);
    static final Expect CLIENT_ERROR = new Expect(400, 499);

    static Expect status(int s) {
      return new Expect(s, s);
    }
  }

  /** One request: HTTP method, path and query, headers, body (null: none), raw (sent as bytes on a socket). */
  private record Case(String name, String method, String path, List<String> headers, byte[] body, boolean raw,
      Expect expect, String says) {}

  private final List<Case> cases = new ArrayList<>();

  private void get(String name, String path, Expect expect, String says) {
    cases.add(new Case(name, "GET", path, List.of("Accept", JSON_TYPE), null, false, expect, says));
  }

  private void get(String name, String path, Expect expect) {
    get(name, path, expect, null);
  }

  private void post(String name, String path, String contentType, String body, Expect expect, String says) {
    post(name, path, contentType, body.getBytes(StandardCharsets.UTF_8), expect, says);
  }

  private void post(String name, String path, String contentType, byte[] body, Expect expect, String says) {
    cases.add(new Case(name, "POST", path, List.of("Content-Type", contentType, "Accept", JSON_TYPE), body, false,
        expect, says));
  }

  private void method(String name, String method, String path, String body, Expect expect, String says) {
    cases.add(new Case(name, method, path, List.of("Content-Type", JSON_TYPE, "Accept", JSON_TYPE),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), false, expect, says));
  }

  private void raw(String name, String request, Expect expect) {
    cases.add(new Case(name, "RAW", "", List.of(), request.getBytes(StandardCharsets.ISO_8859_1), true, expect, null));
  }

  private void auth(String name, String method, String path, String authorization, Expect expect, String says) {
    List<String> h = authorization == null ? List.of("Accept", JSON_TYPE)
        : List.of("Accept", JSON_TYPE, "Authorization", authorization);
    cases.add(new Case(name, method, path, h, method.equals("POST") ? new byte[0] : null, false, expect, says));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String params(String... nameValues) {
    StringBuilder b = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[");
    for (int i = 0; i < nameValues.length; i += 2) {
      b.append(i == 0 ? "" : ",").append("{\"name\":\"").append(nameValues[i]).append("\",").append(nameValues[i + 1])
          .append('}');
    }
    return b.append("]}").toString();
  }

  private static String nested(int depth) {
    return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"part\":"
        + "[{\"name\":\"x\",\"part\":".repeat(depth) + "[]" + "}]".repeat(depth) + "}]}";
  }

  private void fhirOperations() {
    String lookup = "/fhir/CodeSystem/$lookup";
    get("lookup: no parameters", lookup, Expect.CLIENT_ERROR, "code");
    get("lookup: code without system", lookup + "?code=81455", Expect.CLIENT_ERROR, "system");
    get("lookup: system without code", lookup + "?system=" + CPT, Expect.CLIENT_ERROR, "code");
    get("lookup: unknown system", lookup + "?system=http://example.org/none&code=1", Expect.status(404),
        "example.org/none");
    get("lookup: unknown code", lookup + "?system=" + CPT + "&code=00000", Expect.status(404), "00000");
    get("lookup: unknown parameter", lookup + "?system=" + CPT + "&code=81455&foo=bar", Expect.status(400), "foo");
    get("lookup: a control character in a parameter name", "/fhir/ValueSet/$validate-code?%00=a&=b",
        Expect.status(400), "control character");
    get("lookup: code twice", lookup + "?system=" + CPT + "&code=81455&code=81311", Expect.CLIENT_ERROR, "code");
    get("lookup: code and coding", lookup + "?system=" + CPT + "&code=81455&coding=" + enc(CPT + "|81311"),
        Expect.CLIENT_ERROR);
    get("lookup: date not a date", lookup + "?system=" + CPT + "&code=81455&date=yesterday", Expect.CLIENT_ERROR);
    get("lookup: unknown version", lookup + "?system=" + ICD + "&code=C92.10&version=1999", Expect.CLIENT_ERROR,
        "1999");
    get("lookup: 1000-character code", lookup + "?system=" + CPT + "&code=" + "9".repeat(1000), Expect.status(404));
    get("lookup: NUL and newline in code", lookup + "?system=" + CPT + "&code=81%00455%0A", Expect.CLIENT_ERROR);
    get("lookup: javascript system", lookup + "?system=" + enc("javascript:alert(1)") + "&code=1",
        Expect.CLIENT_ERROR);
    get("lookup: script in property", lookup + "?system=" + CPT + "&code=81455&property=" + enc("<script>x</script>"),
        Expect.NOT_5XX);
    get("lookup: SQL in code", lookup + "?system=" + CPT + "&code=" + enc("' OR 1=1 --"), Expect.status(404));
    get("lookup: unknown _format", lookup + "?system=" + CPT + "&code=81455&_format=yaml", Expect.NOT_5XX);
    get("lookup: bad _summary", lookup + "?system=" + CPT + "&code=81455&_summary=everything", Expect.NOT_5XX);
    get("lookup: coding without bar", lookup + "?coding=garbage", Expect.CLIENT_ERROR);
    get("lookup: path in system", lookup + "?system=" + enc("../../etc/passwd") + "&code=1", Expect.CLIENT_ERROR);
    get("lookup: emoji code", lookup + "?system=" + CPT + "&code=" + enc("\uD83D\uDE00"), Expect.status(404));
    get("lookup: log4shell in code", lookup + "?system=" + CPT + "&code=" + enc("${jndi:ldap://127.0.0.1/x}"),
        Expect.status(404));
    get("lookup: empty code", lookup + "?system=" + CPT + "&code=", Expect.CLIENT_ERROR);
    get("lookup: instance level on unknown id", "/fhir/CodeSystem/nope/$lookup?code=1", Expect.CLIENT_ERROR);

    post("lookup POST: empty body", lookup, JSON_TYPE, "", Expect.CLIENT_ERROR, null);
    post("lookup POST: truncated JSON", lookup, JSON_TYPE, "{\"resourceType\":\"Parameters\",", Expect.CLIENT_ERROR,
        null);
    post("lookup POST: JSON array", lookup, JSON_TYPE, "[]", Expect.CLIENT_ERROR, null);
    post("lookup POST: JSON string", lookup, JSON_TYPE, "\"hello\"", Expect.CLIENT_ERROR, null);
    post("lookup POST: a Patient", lookup, JSON_TYPE, "{\"resourceType\":\"Patient\"}", Expect.CLIENT_ERROR, null);
    post("lookup POST: unknown resourceType", lookup, JSON_TYPE, "{\"resourceType\":\"Nonsense\"}",
        Expect.CLIENT_ERROR, null);
    post("lookup POST: no parameters", lookup, JSON_TYPE, params(), Expect.CLIENT_ERROR, "code");
    post("lookup POST: code as integer", lookup, JSON_TYPE, params("system", "\"valueUri\":\"" + CPT + "\"", "code",
        "\"valueInteger\":81455"), Expect.CLIENT_ERROR, null);
    post("lookup POST: code as object", lookup, JSON_TYPE, params("system", "\"valueUri\":\"" + CPT + "\"", "code",
        "\"valueCode\":{\"a\":1}"), Expect.CLIENT_ERROR, null);
    post("lookup POST: code null", lookup, JSON_TYPE, params("system", "\"valueUri\":\"" + CPT + "\"", "code",
        "\"valueCode\":null"), Expect.CLIENT_ERROR, null);
    post("lookup POST: code twice", lookup, JSON_TYPE, params("system", "\"valueUri\":\"" + CPT + "\"", "code",
        "\"valueCode\":\"81455\"", "code", "\"valueCode\":\"81311\""), Expect.CLIENT_ERROR, null);
    post("lookup POST: unknown parameter", lookup, JSON_TYPE, params("system", "\"valueUri\":\"" + CPT + "\"",
        "code", "\"valueCode\":\"81455\"", "bogus", "\"valueString\":\"x\""), Expect.status(400), "bogus");
    post("lookup POST: parameter without name", lookup, JSON_TYPE,
        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"valueCode\":\"81455\"}]}", Expect.CLIENT_ERROR, null);
    post("lookup POST: deeply nested parts", lookup, JSON_TYPE, nested(300), Expect.CLIENT_ERROR, null);
    post("lookup POST: nesting beyond the JSON parser's limit", lookup, JSON_TYPE,
        "{\"a\":".repeat(5000) + "1" + "}".repeat(5000), Expect.CLIENT_ERROR, null);
    post("lookup POST: 100 KB code", lookup, JSON_TYPE, params("system", "\"valueUri\":\"" + CPT + "\"", "code",
        "\"valueCode\":\"" + "8".repeat(100_000) + "\""), Expect.CLIENT_ERROR, null);
    post("lookup POST: body over the limit", lookup, JSON_TYPE, "x".repeat(ProdTestServer.MAX_BODY + 1),
        Expect.status(413), "too large");
    post("lookup POST: text/plain", lookup, "text/plain", "system=x&code=y", Expect.CLIENT_ERROR, null);
    post("lookup POST: form encoded", lookup, "application/x-www-form-urlencoded", "system=" + CPT + "&code=81455",
        Expect.NOT_5XX, null);
    post("lookup POST: form with too many keys", lookup, "application/x-www-form-urlencoded",
        "a=1&".repeat(ProdTestServer.MAX_PARAMS + 10), Expect.NOT_5XX, null);
    post("lookup POST: malformed XML", lookup, XML_TYPE, "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter>",
        Expect.CLIENT_ERROR, null);
    post("lookup POST: XML declared as JSON", lookup, JSON_TYPE, "<Parameters xmlns=\"http://hl7.org/fhir\"/>",
        Expect.CLIENT_ERROR, null);
    post("lookup POST: JSON declared as XML", lookup, XML_TYPE, params(), Expect.CLIENT_ERROR, null);
    post("lookup POST: XML external entity", lookup, XML_TYPE, """
        <?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <Parameters xmlns="http://hl7.org/fhir"><parameter><name value="code"/><valueCode value="&x;"/></parameter>
        <parameter><name value="system"/><valueUri value="http://www.ama-assn.org/go/cpt"/></parameter></Parameters>
        """, Expect.CLIENT_ERROR, null);
    post("lookup POST: XML billion laughs", lookup, XML_TYPE, """
        <?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
        <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
        <Parameters xmlns="http://hl7.org/fhir"><parameter><name value="code"/><valueCode value="&f;"/></parameter>
        </Parameters>
        """, Expect.CLIENT_ERROR, null);
    post("lookup POST: invalid UTF-8", lookup, JSON_TYPE, new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':',
        '1', '}'}, Expect.CLIENT_ERROR, null);
    post("lookup POST: tx-resource that is a string", lookup, JSON_TYPE, params("tx-resource",
        "\"valueString\":\"x\"", "system", "\"valueUri\":\"" + CPT + "\"", "code", "\"valueCode\":\"81455\""),
        Expect.CLIENT_ERROR, "tx-resource");
    post("lookup POST: tx-resource CodeSystem without url", lookup, JSON_TYPE, params("tx-resource",
        "\"resource\":{\"resourceType\":\"CodeSystem\",\"status\":\"active\",\"content\":\"complete\"}",
        "system", "\"valueUri\":\"http://x\"", "code", "\"valueCode\":\"a\""), Expect.NOT_5XX, null);
    post("lookup POST: tx-resource concept without code", lookup, JSON_TYPE, params("tx-resource",
        "\"resource\":{\"resourceType\":\"CodeSystem\",\"url\":\"http://x\",\"status\":\"active\",\"content\":"
            + "\"complete\",\"concept\":[{\"display\":\"no code\"},{}]}",
        "system", "\"valueUri\":\"http://x\"", "code", "\"valueCode\":\"a\""), Expect.NOT_5XX, null);
    post("lookup POST: tx-resource with a cyclic hierarchy", lookup, JSON_TYPE, params("tx-resource",
        "\"resource\":{\"resourceType\":\"CodeSystem\",\"url\":\"http://cyc\",\"status\":\"active\",\"content\":"
            + "\"complete\",\"concept\":[{\"code\":\"a\",\"property\":[{\"code\":\"parent\",\"valueCode\":\"b\"}]},"
            + "{\"code\":\"b\",\"property\":[{\"code\":\"parent\",\"valueCode\":\"a\"}]}]}",
        "system", "\"valueUri\":\"http://cyc\"", "code", "\"valueCode\":\"a\""), Expect.NOT_5XX, null);

    String translate = "/fhir/ConceptMap/$translate";
    get("translate: no parameters", translate, Expect.CLIENT_ERROR);
    get("translate: code without system", translate + "?code=81455", Expect.CLIENT_ERROR, "system");
    get("translate: unknown concept map", translate + "?url=http://example.org/cm&system=" + CPT + "&code=81455",
        Expect.CLIENT_ERROR);
    get("translate: reverse not a boolean", translate + "?url=" + MAP + "&system=" + CPT + "&code=81455&reverse=maybe",
        Expect.CLIENT_ERROR);
    get("translate: code and coding that differ", translate + "?system=" + CPT + "&code=81455&coding="
        + enc(CPT + "|81311"), Expect.CLIENT_ERROR, "different codes");
    get("translate: target garbage", translate + "?system=" + CPT + "&code=81455&target=" + enc("::::"),
        Expect.NOT_5XX);
    get("translate: unknown concept map version", translate + "?url=" + MAP + "&conceptMapVersion=0.0.0&system="
        + CPT + "&code=81455", Expect.CLIENT_ERROR);
    get("translate: unknown parameter", translate + "?system=" + CPT + "&code=81455&sourcecode=1", Expect.status(400),
        "sourcecode");
    post("translate POST: codeableConcept as string", translate, JSON_TYPE, params("codeableConcept",
        "\"valueString\":\"x\""), Expect.CLIENT_ERROR, null);
    post("translate POST: codeableConcept with no codings", translate, JSON_TYPE, params("codeableConcept",
        "\"valueCodeableConcept\":{\"text\":\"x\"}"), Expect.CLIENT_ERROR, null);
    post("translate POST: conceptMap inline that is a ValueSet", translate, JSON_TYPE, params("conceptMap",
        "\"resource\":{\"resourceType\":\"ValueSet\",\"status\":\"active\"}", "system", "\"valueUri\":\"" + CPT
            + "\"", "code", "\"valueCode\":\"81455\""), Expect.CLIENT_ERROR, null);

    String vsValidate = "/fhir/ValueSet/$validate-code";
    get("validate-code: no parameters", vsValidate, Expect.CLIENT_ERROR);
    get("validate-code: unknown value set", vsValidate + "?url=http://example.org/vs&system=" + CPT + "&code=1",
        Expect.CLIENT_ERROR);
    get("validate-code: code without system", vsValidate + "?url=" + enc(ICD_VS) + "&code=C92.10", Expect.NOT_5XX);
    get("validate-code: abstract not a boolean", vsValidate + "?url=" + enc(ICD_VS) + "&system=" + ICD
        + "&code=C92.10&abstract=perhaps", Expect.CLIENT_ERROR);
    get("validate-code: date out of range", vsValidate + "?url=" + enc(ICD_VS) + "&system=" + ICD
        + "&code=C92.10&date=2026-13-45", Expect.NOT_5XX);
    get("validate-code: displayLanguage junk", vsValidate + "?url=" + enc(ICD_VS) + "&system=" + ICD
        + "&code=C92.10&displayLanguage=" + enc("!!!;;"), Expect.NOT_5XX);
    get("validate-code: unknown valueSetVersion", vsValidate + "?url=" + enc(ICD_VS) + "&valueSetVersion=1900&system="
        + ICD + "&code=C92.10", Expect.NOT_5XX);
    get("validate-code: system version unknown", vsValidate + "?url=" + enc(ICD_VS) + "&system=" + ICD
        + "&systemVersion=1900&code=C92.10", Expect.NOT_5XX);
    post("validate-code POST: coding without code", vsValidate, JSON_TYPE, params("url", "\"valueUri\":\"" + ICD_VS
        + "\"", "coding", "\"valueCoding\":{\"system\":\"" + ICD + "\"}"), Expect.NOT_5XX, null);
    post("validate-code POST: empty codeableConcept", vsValidate, JSON_TYPE, params("url", "\"valueUri\":\"" + ICD_VS
        + "\"", "codeableConcept", "\"valueCodeableConcept\":{}"), Expect.NOT_5XX, null);
    post("validate-code POST: inline value set including itself", vsValidate, JSON_TYPE, params("valueSet",
        "\"resource\":{\"resourceType\":\"ValueSet\",\"url\":\"http://loop\",\"status\":\"active\",\"compose\":"
            + "{\"include\":[{\"valueSet\":[\"http://loop\"]}]}}", "system", "\"valueUri\":\"" + CPT + "\"", "code",
        "\"valueCode\":\"81455\""), Expect.NOT_5XX, null);
    post("validate-code POST: inline value set with a bad filter", vsValidate, JSON_TYPE, params("valueSet",
        "\"resource\":{\"resourceType\":\"ValueSet\",\"status\":\"active\",\"compose\":{\"include\":[{\"system\":\""
            + ICD + "\",\"filter\":[{\"property\":\"concept\",\"op\":\"regex\",\"value\":\"(a+)+[\"}]}]}}",
        "system", "\"valueUri\":\"" + ICD + "\"", "code", "\"valueCode\":\"C92.10\""), Expect.NOT_5XX, null);
    String csValidate = "/fhir/CodeSystem/$validate-code";
    get("CodeSystem validate-code: no parameters", csValidate, Expect.CLIENT_ERROR);
    get("CodeSystem validate-code: unknown url", csValidate + "?url=http://example.org/cs&code=1", Expect.NOT_5XX);
    get("CodeSystem validate-code: code only", csValidate + "?code=81455", Expect.CLIENT_ERROR);

    String expand = "/fhir/ValueSet/$expand";
    get("expand: no parameters", expand, Expect.CLIENT_ERROR);
    get("expand: unknown value set", expand + "?url=http://example.org/vs", Expect.CLIENT_ERROR);
    get("expand: negative count", expand + "?url=" + enc(ICD_VS) + "&count=-1", Expect.CLIENT_ERROR);
    get("expand: count not a number", expand + "?url=" + enc(ICD_VS) + "&count=abc", Expect.CLIENT_ERROR);
    get("expand: negative offset", expand + "?url=" + enc(ICD_VS) + "&offset=-5&count=5", Expect.CLIENT_ERROR);
    get("expand: count beyond int", expand + "?url=" + enc(ICD_VS) + "&count=99999999999999", Expect.CLIENT_ERROR);
    get("expand: regex characters in filter", expand + "?url=" + enc(ICD_VS) + "&filter=" + enc(".*[((") + "&count=5",
        Expect.NOT_5XX);
    get("expand: whole ICD-10-CM without count", expand + "?url=" + enc(ICD_VS), Expect.CLIENT_ERROR);
    get("expand: activeOnly not a boolean", expand + "?url=" + enc(ICD_VS) + "&activeOnly=maybe&count=1",
        Expect.CLIENT_ERROR);
    get("expand: includeDesignations 2", expand + "?url=" + enc(ICD_VS) + "&includeDesignations=2&count=1",
        Expect.CLIENT_ERROR);
    get("expand: huge offset", expand + "?url=" + enc(ICD_VS) + "&offset=2000000000&count=10", Expect.NOT_5XX);
    post("expand POST: inline value set of an unknown system", expand, JSON_TYPE, params("valueSet",
        "\"resource\":{\"resourceType\":\"ValueSet\",\"status\":\"active\",\"compose\":{\"include\":[{\"system\":"
            + "\"http://example.org/none\"}]}}"), Expect.NOT_5XX, null);
    post("expand POST: inline value set importing itself", expand, JSON_TYPE, params("valueSet",
        "\"resource\":{\"resourceType\":\"ValueSet\",\"url\":\"http://loop2\",\"status\":\"active\",\"compose\":"
            + "{\"include\":[{\"valueSet\":[\"http://loop2\"]}]}}"), Expect.NOT_5XX, null);
    post("expand POST: inline value set with an R5 filter operator", expand, JSON_TYPE, params("valueSet",
        "\"resource\":{\"resourceType\":\"ValueSet\",\"status\":\"active\",\"compose\":{\"include\":[{\"system\":\""
            + ICD + "\",\"filter\":[{\"property\":\"concept\",\"op\":\"child-of\",\"value\":\"C92\"}]}]}}"),
        Expect.NOT_5XX, null);
    post("expand POST: value set that is a CodeSystem", expand, JSON_TYPE, params("valueSet",
        "\"resource\":{\"resourceType\":\"CodeSystem\",\"status\":\"active\",\"content\":\"complete\"}"),
        Expect.CLIENT_ERROR, null);
    post("expand POST: compose with an empty include", expand, JSON_TYPE, params("valueSet",
        "\"resource\":{\"resourceType\":\"ValueSet\",\"status\":\"active\",\"compose\":{\"include\":[{}]}}"),
        Expect.NOT_5XX, null);

    String subsumes = "/fhir/CodeSystem/$subsumes";
    get("subsumes: no parameters", subsumes, Expect.CLIENT_ERROR);
    get("subsumes: codeA only", subsumes + "?system=" + ICD + "&codeA=C92", Expect.CLIENT_ERROR);
    get("subsumes: unknown system", subsumes + "?system=http://example.org/cs&codeA=a&codeB=b", Expect.CLIENT_ERROR);
    get("subsumes: unknown codes", subsumes + "?system=" + ICD + "&codeA=ZZZ&codeB=YYY", Expect.CLIENT_ERROR);
    get("subsumes: codeA and codingA that differ", subsumes + "?system=" + ICD + "&codeA=C92&codingA="
        + enc(ICD + "|C91") + "&codeB=C92.10", Expect.CLIENT_ERROR, "different codes");
    get("subsumes: codings in two systems", subsumes + "?codingA=" + enc(ICD + "|C92") + "&codingB="
        + enc(CPT + "|81455"), Expect.CLIENT_ERROR);
  }

  private void readSearchMetadata() {
    get("read: unknown id", "/fhir/CodeSystem/does-not-exist", Expect.status(404));
    get("read: encoded path traversal", "/fhir/CodeSystem/..%2F..%2Fetc%2Fpasswd", Expect.CLIENT_ERROR);
    get("read: script id", "/fhir/CodeSystem/" + enc("<script>"), Expect.CLIENT_ERROR);
    get("read: unknown resource type", "/fhir/Patient/1", Expect.CLIENT_ERROR);
    get("read: not a resource type", "/fhir/Nonsense/1", Expect.CLIENT_ERROR);
    get("read: id too long for FHIR", "/fhir/CodeSystem/" + "a".repeat(200), Expect.CLIENT_ERROR);
    get("read: vread", "/fhir/CodeSystem/cpt/_history/1", Expect.status(405), "read-only");
    get("search: empty url", "/fhir/CodeSystem?url=", Expect.NOT_5XX);
    get("search: negative _count", "/fhir/CodeSystem?_count=-1", Expect.NOT_5XX);
    get("search: _count not a number", "/fhir/ValueSet?_count=many", Expect.NOT_5XX);
    get("search: unknown _sort", "/fhir/CodeSystem?_sort=nonsense", Expect.NOT_5XX);
    get("search: unknown parameter", "/fhir/ConceptMap?unknownparam=1", Expect.NOT_5XX);
    get("search: NUL in _id", "/fhir/CodeSystem?_id=%00", Expect.NOT_5XX);
    get("search: url 30 times", "/fhir/CodeSystem?" + "url=http://x&".repeat(30), Expect.NOT_5XX);
    get("search: too many parameters", "/fhir/CodeSystem?" + "url=x&".repeat(ProdTestServer.MAX_PARAMS + 1),
        Expect.status(400), "parameters");
    get("operation: unknown", "/fhir/ValueSet/$unknown-operation", Expect.CLIENT_ERROR);
    get("operation: unknown at system level", "/fhir/$lookup", Expect.CLIENT_ERROR);
    get("path: invalid percent encoding", "/fhir/%ff%fe", Expect.CLIENT_ERROR);
    get("path: double slashes", "/fhir//CodeSystem//cpt", Expect.NOT_5XX);
    get("path: dot segments", "/fhir/CodeSystem/../../admin/reload", Expect.NOT_5XX);
    get("path: URL over the limit", "/fhir/metadata?x=" + "a".repeat(ProdTestServer.MAX_URL), Expect.status(414),
        "URL");
    get("metadata: mode garbage", "/fhir/metadata?mode=garbage", Expect.NOT_5XX);
    get("metadata: _format html", "/fhir/metadata?_format=text/html", Expect.NOT_5XX);
    cases.add(new Case("metadata: Accept image/png", "GET", "/fhir/metadata", List.of("Accept", "image/png"), null,
        false, Expect.NOT_5XX, null));
    method("metadata: POST", "POST", "/fhir/metadata", "{}", Expect.status(405), "read-only");
    method("metadata: DELETE", "DELETE", "/fhir/metadata", null, Expect.status(405), "read-only");
    method("write: PUT", "PUT", "/fhir/ValueSet/x", "{\"resourceType\":\"ValueSet\",\"id\":\"x\"}",
        Expect.status(405), "read-only");
    method("write: PATCH", "PATCH", "/fhir/ConceptMap/x", "[]", Expect.status(405), "read-only");
    method("write: conditional DELETE", "DELETE", "/fhir/CodeSystem?url=x", null, Expect.status(405), "read-only");
    method("write: transaction", "POST", "/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}",
        Expect.status(400), "read-only");
    cases.add(new Case("method: TRACE", "TRACE", "/fhir/metadata", List.of(), null, false, Expect.CLIENT_ERROR, null));
    cases.add(new Case("header: Accept-Encoding gzip;q=0", "GET", "/fhir/metadata",
        List.of("Accept-Encoding", "gzip;q=0"), null, false, Expect.NOT_5XX, null));
    cases.add(new Case("header: Accept garbage", "GET", "/fhir/metadata", List.of("Accept", ";;;,,,*/*;q=x"), null,
        false, Expect.NOT_5XX, null));
    cases.add(new Case("header: If-None-Match garbage", "GET", "/fhir/metadata", List.of("If-None-Match", "\"\"\",W/"),
        null, false, Expect.NOT_5XX, null));
    cases.add(new Case("header: Prefer junk", "GET", "/fhir/metadata", List.of("Prefer", "return=;;;"), null, false,
        Expect.NOT_5XX, null));
  }

  private void cdsHooks() {
    String sign = "/cds-services/order-sign-indications";
    get("cds: unknown service", "/cds-services/nope", Expect.status(404));
    method("cds: POST discovery", "POST", "/cds-services", "{}", Expect.status(405), null);
    method("cds: PUT on a service", "PUT", sign, "{}", Expect.status(405), null);
    post("cds: empty body", sign, "application/json", "", Expect.CLIENT_ERROR, null);
    post("cds: truncated JSON", sign, "application/json", "{\"hook\":", Expect.CLIENT_ERROR, "JSON");
    post("cds: JSON array", sign, "application/json", "[1,2]", Expect.CLIENT_ERROR, "object");
    post("cds: wrong hook", sign, "application/json", "{\"hook\":\"patient-view\",\"hookInstance\":\"x\","
        + "\"context\":{}}", Expect.CLIENT_ERROR, "hook");
    post("cds: hook is a number", sign, "application/json", "{\"hook\":5}", Expect.CLIENT_ERROR, null);
    post("cds: no hookInstance", sign, "application/json", "{\"hook\":\"order-sign\",\"context\":{}}",
        Expect.CLIENT_ERROR, "hookInstance");
    post("cds: context not an object", sign, "application/json", "{\"hook\":\"order-sign\",\"hookInstance\":\"x\","
        + "\"context\":[]}", Expect.CLIENT_ERROR, "context");
    post("cds: no draftOrders", sign, "application/json", "{\"hook\":\"order-sign\",\"hookInstance\":\"x\","
        + "\"context\":{\"patientId\":\"p\"}}", Expect.CLIENT_ERROR, "draftOrders");
    post("cds: draftOrders not a Bundle", sign, "application/json", "{\"hook\":\"order-sign\",\"hookInstance\":\"x\","
        + "\"context\":{\"draftOrders\":{\"resourceType\":\"Patient\"}}}", Expect.CLIENT_ERROR, "Bundle");
    post("cds: draftOrders invalid Bundle", sign, "application/json", "{\"hook\":\"order-sign\",\"hookInstance\":"
        + "\"x\",\"context\":{\"draftOrders\":{\"resourceType\":\"Bundle\",\"entry\":\"nope\"}}}",
        Expect.NOT_5XX, null);
    post("cds: prefetch conditions wrong type", sign, "application/json", "{\"hook\":\"order-sign\",\"hookInstance\":"
        + "\"x\",\"context\":{\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"type\":\"collection\","
        + "\"entry\":[{\"resource\":{\"resourceType\":\"ServiceRequest\",\"status\":\"draft\",\"intent\":\"order\","
        + "\"subject\":{\"reference\":\"Patient/p\"},\"code\":{\"coding\":[{\"system\":\"" + CPT + "\",\"code\":"
        + "\"81455\"}]}}}]}},\"prefetch\":{\"conditions\":42}}", Expect.CLIENT_ERROR, null);
    post("cds: fhirServer not http", sign, "application/json", "{\"hook\":\"order-sign\",\"hookInstance\":\"x\","
        + "\"fhirServer\":\"file:///etc/passwd\",\"context\":{\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":"
        + "\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"ServiceRequest\","
        + "\"status\":\"draft\",\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/p\"},\"code\":{\"coding\":"
        + "[{\"system\":\"" + CPT + "\",\"code\":\"81455\"}]}}}]}}}", Expect.CLIENT_ERROR, null);
    post("cds: feedback without array", sign + "/feedback", "application/json", "{}", Expect.CLIENT_ERROR,
        "feedback");
    post("cds: feedback on an unknown service", "/cds-services/nope/feedback", "application/json",
        "{\"feedback\":[]}", Expect.status(404), null);
    post("cds: deep JSON nesting", sign, "application/json", "[".repeat(5000) + "]".repeat(5000),
        Expect.CLIENT_ERROR, null);
    post("cds: body over the limit", sign, "application/json", "{\"a\":\"" + "x".repeat(ProdTestServer.MAX_BODY)
        + "\"}", Expect.status(413), null);
    post("cds: too deep path", sign + "/feedback/extra", "application/json", "{}", Expect.status(404), null);
  }

  private void adminAndOps() {
    auth("admin: GET without token", "GET", "/admin/reload", null, Expect.status(401), "Bearer");
    auth("admin: wrong token", "POST", "/admin/reload", "Bearer nope", Expect.status(401), "Bearer");
    auth("admin: empty bearer", "POST", "/admin/reload", "Bearer ", Expect.status(401), "Bearer");
    auth("admin: token in the wrong scheme", "POST", "/admin/reload", "Token " + ProdTestServer.TOKEN,
        Expect.status(401), "Bearer");
    auth("admin: unknown admin path", "POST", "/admin/other", "Bearer " + ProdTestServer.TOKEN, Expect.status(404),
        "Nothing is served");
    auth("ops: POST /metrics", "POST", "/metrics", null, Expect.status(405), "GET");
    auth("ops: DELETE /readyz", "DELETE", "/readyz", null, Expect.status(405), "GET");
    auth("ops: unknown root path", "GET", "/wp-admin/setup.php", null, Expect.status(404), "Nothing is served");
  }

  private void protocol() {
    raw("raw: garbage request line", "HELLO\r\n\r\n", Expect.status(400));
    raw("raw: HTTP/1.1 without Host", "GET /fhir/metadata HTTP/1.1\r\n\r\n", Expect.status(400));
    // 505 is HTTP's own answer to an unknown protocol version (not a server fault): the one 5xx allowed here
    raw("raw: unknown HTTP version", "GET /fhir/metadata HTTP/7.0\r\nHost: x\r\n\r\n", Expect.status(505));
    raw("raw: invalid percent escape in the path", "GET /fhir/CodeSystem/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        Expect.CLIENT_ERROR);
    raw("raw: space in the query", "GET /fhir/CodeSystem/$lookup?code=a b HTTP/1.1\r\nHost: x\r\n\r\n",
        Expect.CLIENT_ERROR);
    raw("raw: negative Content-Length", "POST /fhir/CodeSystem/$lookup HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n"
        + "\r\n", Expect.status(400));
    raw("raw: two different Content-Lengths", "POST /fhir/CodeSystem/$lookup HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", Expect.status(400));
    raw("raw: bad chunk size", "POST /fhir/CodeSystem/$lookup HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json"
        + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", Expect.CLIENT_ERROR);
    raw("raw: header without colon", "GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
        Expect.status(400));
    raw("raw: request line over the header limit", "GET /fhir/metadata?q=" + "a".repeat(ProdTestServer.MAX_HEADER * 2)
        + " HTTP/1.1\r\nHost: x\r\n\r\n", Expect.status(414));
    raw("raw: headers over the limit", "GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nX-A: "
        + "a".repeat(ProdTestServer.MAX_HEADER * 2) + "\r\n\r\n", Expect.status(431));
    raw("raw: many headers", "GET /fhir/metadata HTTP/1.1\r\nHost: x\r\n" + "X-H: v\r\n".repeat(2000) + "\r\n",
        Expect.status(431));
    raw("raw: Expect 100-continue with a huge length", "POST /fhir/CodeSystem/$lookup HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/fhir+json\r\nExpect: 100-continue\r\nContent-Length: 99999999999\r\n\r\n",
        Expect.status(413));
    raw("raw: absolute URI to another host", "GET http://evil.example.org/fhir/metadata HTTP/1.1\r\nHost: x\r\n\r\n",
        Expect.NOT_5XX);
    raw("raw: body shorter than Content-Length", "POST /fhir/CodeSystem/$lookup HTTP/1.1\r\nHost: x\r\nContent-Type: "
        + "application/fhir+json\r\nContent-Length: 50\r\n\r\n{\"resourceType\":", Expect.CLIENT_ERROR);
  }

  /** Hostile values in the main parameter of each operation: generated. */
  private void generated() {
    List<String> hostile = List.of("", "%20", "%00", enc("'\"<>&;"), "a".repeat(1500), enc("../../../etc/passwd"),
        enc("\u202e\u0000\uffff"), enc("${jndi:ldap://127.0.0.1/a}"), "%25%25%25", enc("C92.10|" + ICD),
        enc("\r\nX-Injected: 1"), enc("*"));
    String[][] targets = {
        {"lookup code", "/fhir/CodeSystem/$lookup?system=" + ICD + "&code="},
        {"validate-code code", "/fhir/ValueSet/$validate-code?url=" + enc(ICD_VS) + "&system=" + ICD + "&code="},
        {"translate code", "/fhir/ConceptMap/$translate?system=" + ICD + "&reverse=true&code="},
        {"expand filter", "/fhir/ValueSet/$expand?url=" + enc(ICD_VS) + "&count=5&filter="},
        {"subsumes codeA", "/fhir/CodeSystem/$subsumes?system=" + ICD + "&codeB=C92&codeA="},
        {"lookup system", "/fhir/CodeSystem/$lookup?code=C92.10&system="},
        {"read id", "/fhir/ValueSet/x"},
    };
    for (String[] t : targets) {
      for (int i = 0; i < hostile.size(); i++) {
        get("generated: " + t[0] + " #" + i, t[1] + hostile.get(i), Expect.NOT_5XX);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> noBadInputGets5xxOrHangsAndEvery4xxSaysWhy() {
    fhirOperations();
    readSearchMetadata();
    cdsHooks();
    adminAndOps();
    protocol();
    generated();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
    Stream<DynamicTest> each = cases.stream().map(c -> DynamicTest.dynamicTest(c.name(),
        () -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> check(c))));
    DynamicTest after = DynamicTest.dynamicTest("the server answers a normal request afterwards", () -> {
      HttpResponse<String> r = ProdTestServer.get("/fhir/CodeSystem/$lookup?system=" + ICD + "&code=C92.10");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(ProdTestServer.get("/readyz").statusCode()).isEqualTo(200);
    });
    return Stream.concat(each, Stream.of(after));
  }

  private static void check(Case c) throws Exception {
    int status;
    String body;
    String contentType;
    if (c.raw()) {
      String answer = ProdTestServer.raw(ProdTestServer.port(), c.body());
      assertThat(answer).as("%s: an answer", c.name()).startsWith("HTTP/1.1 ");
      status = Integer.parseInt(answer.substring(9, 12));
      int split = answer.indexOf("\r\n\r\n");
      body = split < 0 ? "" : answer.substring(split + 4);
      contentType = answer.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).findFirst().orElse("");
    } else {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ProdTestServer.baseUrl() + c.path()));
      for (int i = 0; i < c.headers().size(); i += 2) {
        b.header(c.headers().get(i), c.headers().get(i + 1));
      }
      b.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(c.body()));
      HttpResponse<String> r = ProdTestServer.send(b);
      status = r.statusCode();
      body = r.body();
      contentType = r.headers().firstValue("Content-Type").orElse("");
    }
    assertThat(status).as("%s: status (body %s)", c.name(), body).isBetween(c.expect().min(), c.expect().max());
    if (status >= 500) {
      assertThat(status).as("%s: the only 5xx is 505", c.name()).isEqualTo(505);
    }
    assertThat(body).as("%s: no stack trace or server path", c.name())
        .doesNotContain("\tat ", "at org.", "at ca.uhn", "at java.", ".java:", "/work/", "/tmp/", "root:x:");
    if (status >= 400) {
      assertThat(contentType).as("%s: JSON error", c.name()).contains("json");
      JsonNode json = JSON.readTree(body);
      String says;
      if (json.has("resourceType")) {
        assertThat(json.path("resourceType").asText()).isEqualTo("OperationOutcome");
        says = json.at("/issue/0/diagnostics").asText(json.at("/issue/0/details/text").asText());
      } else {
        assertThat(c.path()).as("%s: a CDS Hooks error only under /cds-services", c.name())
            .startsWith("/cds-services");
        says = json.path("error").asText();
      }
      assertThat(says).as("%s: says what was wrong", c.name()).isNotBlank();
      if (c.says() != null) {
        assertThat(says).as("%s: message", c.name()).containsIgnoringCase(c.says());
      }
    }
  }
}
