package org.moltx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.http.ProdTestServer.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/** Health, metrics, the response cache, gzip, CORS, forwarded headers, read-only answers and Jetty's own errors. */
class ProductionHttpTest {
  static final String LOOKUP_81311 = "/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=81311";
  static final String LOOKUP = "/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=81455";
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** An OperationOutcome in FHIR JSON whose issue says something, without stack traces or paths. */
  static void assertOutcome(HttpResponse<String> r, int status, String says) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    JsonNode oo = json(r.body());
    assertThat(oo.path("resourceType").asText()).isEqualTo("OperationOutcome");
    assertThat(oo.at("/issue/0/severity").asText()).isEqualTo("error");
    assertThat(oo.at("/issue/0/diagnostics").asText()).containsIgnoringCase(says);
    assertThat(r.body()).doesNotContain("\tat ", "at org.", "Exception:", "/work/", "/tmp/");
  }

  static double metric(String scrape, String name, String... labels) {
    return scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> {
          for (String label : labels) {
            if (!l.contains(label)) {
              return false;
            }
          }
          return true;
        })
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void healthAndReadinessAnswerAtTheRoot() {
    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertOutcome(send("POST", "/healthz", ""), 405, "Use GET");
  }

  @Test
  void metricsCountRequestsPerOperationCacheHitsAndJvmMemory() {
    get(LOOKUP);
    get(LOOKUP);
    get("/fhir/metadata");
    String scrape = get("/metrics").body();
    assertThat(metric(scrape, "moltx_requests_seconds_count", "operation=\"lookup\"", "type=\"CodeSystem\"",
        "status=\"2xx\"")).isGreaterThanOrEqualTo(2);
    assertThat(scrape).contains("moltx_requests_seconds_bucket{");
    assertThat(metric(scrape, "moltx_requests_seconds_count", "operation=\"metadata\"")).isGreaterThanOrEqualTo(1);
    assertThat(metric(scrape, "moltx_cache_requests_total", "result=\"hit\"")).isGreaterThanOrEqualTo(1);
    assertThat(metric(scrape, "moltx_cache_requests_total", "result=\"miss\"")).isGreaterThanOrEqualTo(1);
    assertThat(metric(scrape, "jvm_memory_used_bytes", "area=\"heap\"")).isGreaterThan(0);
    assertThat(get("/metrics").headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
  }

  @Test
  void aRepeatedGetIsServedFromTheCacheWithAnEtagAndConditional304() {
    HttpResponse<String> first = get(LOOKUP_81311);
    HttpResponse<String> second = get(LOOKUP_81311);
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(second.headers().firstValue("ETag")).hasValue(etag);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=600");
    assertThat(second.headers().firstValue("Content-Type").orElse("")).contains("application/fhir+json");

    HttpResponse<String> conditional = get(LOOKUP_81311, "If-None-Match", etag);
    assertThat(conditional.statusCode()).isEqualTo(304);
    assertThat(conditional.body()).isEmpty();
    assertThat(conditional.headers().firstValue("ETag")).hasValue(etag);
    assertThat(get(LOOKUP_81311, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

    HttpResponse<String> xml = get(LOOKUP_81311 + "&_format=xml");
    assertThat(xml.headers().firstValue("ETag")).isPresent().isNotEqualTo(etag);
    assertThat(xml.body()).startsWith("<Parameters");
    HttpResponse<String> xmlByAccept = get(LOOKUP_81311, "Accept", "application/fhir+xml");
    assertThat(xmlByAccept.body()).startsWith("<Parameters");
    assertThat(get(LOOKUP_81311).body()).startsWith("{");
  }

  /** Turtle is not served (FHIR JSON and XML are): asked for alone it is a 406, beside JSON the JSON is given. */
  @Test
  void turtleIsNotAcceptable() {
    String expected = "This server answers in FHIR JSON (application/fhir+json) and XML (application/fhir+xml); "
        + "Turtle (RDF) is not supported (";
    for (String path : List.of(LOOKUP_81311 + "&_format=ttl", "/fhir/CodeSystem?_count=1&_format=text/turtle",
        "/fhir/metadata?_format=application/fhir%2Bturtle", "/fhir/metadata?_format=rdf",
        "/fhir/CodeSystem?_count=1&_format=text/Turtle")) {
      HttpResponse<String> r = get(path);
      assertOutcome(r, 406, expected);
      assertThat(json(r.body()).at("/issue/0/code").asText()).isEqualTo("not-supported");
    }
    assertOutcome(get("/fhir/CodeSystem?_count=1", "Accept", "text/turtle"), 406, expected + "Accept: text/turtle)");
    assertOutcome(get(LOOKUP_81311, "Accept", "application/fhir+turtle"), 406,
        expected + "Accept: application/fhir+turtle)");
    // HAPI's loose names for Turtle, in an Accept header of a HAPI-served path
    assertOutcome(get("/fhir/metadata", "Accept", "ttl"), 406, expected + "Accept: ttl)");
    assertOutcome(get("/fhir/CodeSystem?_count=1", "Accept", "rdf"), 406, expected + "Accept: rdf)");
    HttpResponse<String> mixed = get("/fhir/CodeSystem?_count=1", "Accept",
        "text/turtle, application/fhir+json;q=0.5");
    assertThat(mixed.statusCode()).isEqualTo(200);
    assertThat(json(mixed.body()).path("resourceType").asText()).isEqualTo("Bundle");
  }

  /**
   * An $expand answer carries its own expansion.identifier and timestamp, and /metadata its date: an answer computed
   * again (after eviction, on another replica) means the same with other bytes, so their ETag is weak. A $lookup is
   * the same bytes whenever computed, so its ETag stays strong.
   */
  @Test
  void answersWithFieldsOfTheirOwnComputationHaveAWeakEtag() {
    String expand = "/fhir/ValueSet/$expand?url=http://moltx.org/fhir/ValueSet/cpt-81311-indications";
    HttpResponse<String> first = get(expand);
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("W/\"[^\"]+\"");
    assertThat(get(expand).headers().firstValue("ETag")).hasValue(etag);
    HttpResponse<String> conditional = get(expand, "If-None-Match", etag);
    assertThat(conditional.statusCode()).isEqualTo(304);
    assertThat(conditional.headers().firstValue("ETag")).hasValue(etag);
    // If-None-Match compares weakly: the tag without W/ matches too
    assertThat(get(expand, "If-None-Match", etag.substring(2)).statusCode()).isEqualTo(304);

    assertThat(get("/fhir/metadata").headers().firstValue("ETag").orElseThrow()).startsWith("W/\"");
    assertThat(get(LOOKUP_81311).headers().firstValue("ETag").orElseThrow()).startsWith("\"");
  }

  /** $expand and $validate-code read Accept-Language (when displayLanguage is absent): it is part of the key. */
  @Test
  void answersForAnotherAcceptLanguageAreCachedApart() {
    String expand = "/fhir/ValueSet/$expand?url=http://moltx.org/fhir/ValueSet/cpt-81455-indications&count=1";
    HttpResponse<String> german = get(expand, "Accept-Language", "de");
    assertThat(json(german.body()).at("/expansion/parameter/0/name").asText()).isEqualTo("displayLanguage");
    HttpResponse<String> plain = get(expand);
    assertThat(plain.body()).doesNotContain("displayLanguage");
    assertThat(plain.headers().firstValue("ETag")).isNotEqualTo(german.headers().firstValue("ETag"));
  }

  @Test
  void errorsPostsTxResourceAndCdsHooksAreNotCached() {
    HttpResponse<String> unknown = get("/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=99999X");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("ETag")).isEmpty();
    assertThat(unknown.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");

    String params = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"system\",\"valueUri\":"
        + "\"http://www.ama-assn.org/go/cpt\"},{\"name\":\"code\",\"valueCode\":\"81455\"}]}";
    HttpResponse<String> post = send("POST", "/fhir/CodeSystem/$lookup", params);
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.headers().firstValue("ETag")).isEmpty();

    HttpResponse<String> tx = get(LOOKUP + "&tx-resource=x");
    assertThat(tx.headers().firstValue("ETag")).isEmpty();
    assertThat(get("/cds-services").headers().firstValue("ETag")).isEmpty();
  }

  @Test
  void largeResponsesAreGzippedWhenTheClientAcceptsIt() throws IOException {
    HttpResponse<byte[]> gz = ProdTestServer.sendBytes(HttpRequest.newBuilder(
        URI.create(ProdTestServer.baseUrl() + "/fhir/metadata")).header("Accept-Encoding", "gzip"));
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(json(unzipped).path("resourceType").asText()).isEqualTo("CapabilityStatement");
    HttpResponse<byte[]> again = ProdTestServer.sendBytes(HttpRequest.newBuilder(
        URI.create(ProdTestServer.baseUrl() + "/fhir/metadata")).header("Accept-Encoding", "gzip"));
    assertThat(again.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(again.body()).isEqualTo(gz.body());
    assertThat(get("/fhir/metadata").headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(get("/healthz").headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void corsAnswersBrowsersOnFhir() {
    HttpResponse<String> r = get("/fhir/metadata", "Origin", "https://app.example.org");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.org");
    assertThat(r.headers().allValues("Access-Control-Expose-Headers").toString()).contains("ETag");
    HttpResponse<String> preflight = ProdTestServer.send(HttpRequest.newBuilder(
            URI.create(ProdTestServer.baseUrl() + "/fhir/CodeSystem/$lookup"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example.org")
        .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type"));
    assertThat(preflight.statusCode()).isLessThan(300);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
  }

  @Test
  void forwardedHeadersAreHonouredOnlyFromTrustedProxies() {
    String search = "/fhir/CodeSystem?url=http://www.ama-assn.org/go/cpt";
    HttpResponse<String> proxied = get(search, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "tx.example.org");
    assertThat(json(proxied.body()).at("/link/0/url").asText()).startsWith("https://tx.example.org/fhir/");
    // the default test server trusts no proxy
    HttpResponse<String> direct = TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + search))
        .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "tx.example.org"));
    assertThat(json(direct.body()).at("/link/0/url").asText()).startsWith("http://localhost:");
  }

  @Test
  void writesAndHistoryAnswer405WithAnOperationOutcome() {
    String cs = "{\"resourceType\":\"CodeSystem\",\"id\":\"x\",\"status\":\"draft\",\"content\":\"complete\"}";
    assertOutcome(send("PUT", "/fhir/CodeSystem/cpt", cs), 405, "read-only");
    assertOutcome(send("POST", "/fhir/CodeSystem", cs), 405, "read-only");
    assertOutcome(send("PATCH", "/fhir/CodeSystem/cpt", "[]"), 405, "read-only");
    assertOutcome(send("DELETE", "/fhir/CodeSystem/cpt", null), 405, "read-only");
    assertOutcome(send("POST", "/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}"), 400,
        "read-only");
    assertOutcome(get("/fhir/CodeSystem/cpt/_history"), 405, "history");
    assertOutcome(get("/fhir/_history"), 405, "history");
    assertThat(send("DELETE", "/fhir/CodeSystem/cpt", null).headers().firstValue("Allow")).isPresent();
  }

  @Test
  void xmlWithAnExternalEntityIsRefusedAndNothingIsRead() {
    String xxe = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <Parameters xmlns="http://hl7.org/fhir">
          <parameter><name value="system"/><valueUri value="http://www.ama-assn.org/go/cpt"/></parameter>
          <parameter><name value="code"/><valueCode value="&xxe;"/></parameter>
        </Parameters>
        """;
    HttpResponse<String> r = ProdTestServer.send(HttpRequest.newBuilder(
            URI.create(ProdTestServer.baseUrl() + "/fhir/CodeSystem/$lookup"))
        .header("Content-Type", "application/fhir+xml").header("Accept", "application/fhir+json")
        .POST(HttpRequest.BodyPublishers.ofString(xxe)));
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    assertThat(r.body()).doesNotContain("root:", "/bin/", "daemon");
    assertThat(json(r.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");
  }

  @Test
  void jettysOwnErrorsAreOperationOutcomes() {
    assertOutcome(get("/fhir/metadata?x=" + "a".repeat(ProdTestServer.MAX_URL)), 414, "URL");
    assertOutcome(get("/nowhere"), 404, "Nothing is served");
    assertOutcome(get("/fhir/metadata?" + "a=1&".repeat(ProdTestServer.MAX_PARAMS + 5)), 400, "parameters");
    HttpResponse<String> big = send("POST", "/fhir/CodeSystem/$lookup", "x".repeat(ProdTestServer.MAX_BODY + 10));
    assertOutcome(big, 413, "too large");

    int port = ProdTestServer.port();
    String tooLong = ProdTestServer.raw(port, "GET /fhir/metadata?x=" + "a".repeat(ProdTestServer.MAX_HEADER * 2)
        + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertThat(tooLong).startsWith("HTTP/1.1 414").contains("OperationOutcome").doesNotContain("<html");
    String bigHeader = ProdTestServer.raw(port, "GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nX-Big: "
        + "b".repeat(ProdTestServer.MAX_HEADER * 2) + "\r\n\r\n");
    assertThat(bigHeader).startsWith("HTTP/1.1 431").contains("OperationOutcome").doesNotContain("<html");
    String badLine = ProdTestServer.raw(port, "GET /fhir/metadata HTTP/1.1 junk\r\nHost: x\r\n\r\n");
    assertThat(badLine).startsWith("HTTP/1.1 400").contains("OperationOutcome").doesNotContain("<html");
    String chunked = "POST /fhir/CodeSystem/$lookup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/fhir+json"
        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks(ProdTestServer.MAX_BODY + 4096);
    assertThat(ProdTestServer.raw(port, chunked)).startsWith("HTTP/1.1 413").contains("OperationOutcome");
  }

  @Test
  void aRefusalBeforeTheBodyIsReadLeavesTheConnectionUsable() {
    String body = "{\"resourceType\":\"CodeSystem\",\"text\":\"" + "z".repeat(200_000) + "\"}";
    for (String refused : List.of("PUT /fhir/CodeSystem/cpt", "POST /cds-services/no-such-service")) {
      String pipelined = refused + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body
          + "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
      String answers = ProdTestServer.raw(ProdTestServer.port(), pipelined);
      assertThat(answers).as(refused).containsPattern("^HTTP/1.1 40[45] ");
      boolean closed = answers.substring(0, answers.indexOf("\r\n\r\n")).toLowerCase().contains("connection: close");
      if (!closed) {
        assertThat(answers).as(refused + ": the next request on the connection is answered").contains("\r\n\r\nok\n");
      }
    }
  }

  private static String chunks(int total) {
    StringBuilder b = new StringBuilder();
    String chunk = "y".repeat(4096);
    for (int sent = 0; sent < total; sent += chunk.length()) {
      b.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    return b.append("0\r\n\r\n").toString();
  }

  static HttpResponse<String> send(String method, String path, String body) {
    return ProdTestServer.send(HttpRequest.newBuilder(URI.create(ProdTestServer.baseUrl() + path))
        .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }
}
