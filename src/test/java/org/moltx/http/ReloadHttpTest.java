package org.moltx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.http.ProductionHttpTest.assertOutcome;
import static org.moltx.http.ProductionHttpTest.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.moltx.Answers;
import org.moltx.TestServer;

/** POST /admin/reload: token, a good reload swaps content and ETags, a broken one keeps the old content serving. */
class ReloadHttpTest {
  private static final String LOOKUP = ProductionHttpTest.LOOKUP_81311;

  static HttpResponse<String> reload(String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ProdTestServer.baseUrl() + "/admin/reload"))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return ProdTestServer.send(b);
  }

  private static String display(HttpResponse<String> lookup) {
    for (var p : json(lookup.body()).path("parameter")) {
      if (p.path("name").asText().equals("display")) {
        return p.path("valueString").asText();
      }
    }
    return null;
  }

  @Test
  void theAdminEndpointIsOffWithoutAToken() {
    HttpResponse<String> r = TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + "/admin/reload"))
        .header("Authorization", "Bearer anything").POST(HttpRequest.BodyPublishers.noBody()));
    assertOutcome(r, 404, "no admin token configured");
    assertThat(Answers.issues(r.body())).containsExactly("error not-found: Nothing is served at /admin/reload: the admin "
        + "endpoints are off (no admin token configured)");
  }

  @Test
  void theAdminEndpointNeedsTheToken() {
    assertOutcome(reload(null), 401, "Bearer");
    assertOutcome(reload("Bearer wrong-token-wrong-token"), 401, "Bearer");
    assertOutcome(reload("Basic " + ProdTestServer.TOKEN), 401, "Bearer");
    HttpResponse<String> get = ProdTestServer.get("/admin/reload", "Authorization", "Bearer " + ProdTestServer.TOKEN);
    assertOutcome(get, 405, "POST");
    assertThat(Answers.issues(get.body())).containsExactly("error not-supported: Use POST to reload the content");
    for (String authorization : new String[] {null, "Bearer wrong-token-wrong-token", "Basic " + ProdTestServer.TOKEN}) {
      assertThat(Answers.issues(reload(authorization).body())).as(authorization)
          .containsExactly("error security: POST /admin/reload needs 'Authorization: Bearer <admin token>'");
    }
  }

  @Test
  void aReloadSwapsTheContentWithoutDowntimeAndABrokenOneKeepsTheOldContent() throws Exception {
    Path cpt = ProdTestServer.content().resolve("CodeSystem-cpt.json");
    String original = Files.readString(cpt, StandardCharsets.UTF_8);
    String oldDisplay = display(ProdTestServer.get(LOOKUP));
    String oldEtag = ProdTestServer.get(LOOKUP).headers().firstValue("ETag").orElseThrow();
    assertThat(original).contains(oldDisplay);
    try {
      Files.writeString(cpt, original.replace(oldDisplay, oldDisplay + " (reloaded)"), StandardCharsets.UTF_8);

      // requests keep being answered while the content loads aside and is swapped in
      AtomicBoolean running = new AtomicBoolean(true);
      List<Integer> statuses = new CopyOnWriteArrayList<>();
      String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"system\",\"valueUri\":"
          + "\"http://hl7.org/fhir/sid/icd-10-cm\"},{\"name\":\"code\",\"valueCode\":\"C92.10\"}]}";
      Thread load = new Thread(() -> {
        while (running.get()) {
          // POST: never cached, so each request reaches the engine
          statuses.add(ProdTestServer.send(HttpRequest.newBuilder(
                  URI.create(ProdTestServer.baseUrl() + "/fhir/CodeSystem/$lookup"))
              .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)))
              .statusCode());
        }
      });
      load.start();
      HttpResponse<String> ok = reload("Bearer " + ProdTestServer.TOKEN);
      running.set(false);
      load.join(30_000);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(json(ok.body()).at("/issue/0/diagnostics").asText()).startsWith("Content reloaded in");
      assertThat(statuses).isNotEmpty().allSatisfy(s -> assertThat(s).isEqualTo(200));

      HttpResponse<String> after = ProdTestServer.get(LOOKUP);
      assertThat(display(after)).isEqualTo(oldDisplay + " (reloaded)");
      assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(oldEtag);
      assertThat(ProdTestServer.get(LOOKUP, "If-None-Match", oldEtag).statusCode()).isEqualTo(200);

      Files.writeString(cpt, "{ \"resourceType\": \"CodeSystem\", broken", StandardCharsets.UTF_8);
      HttpResponse<String> broken = reload("Bearer " + ProdTestServer.TOKEN);
      assertOutcome(broken, 422, "CodeSystem-cpt.json");
      assertThat(Answers.issues(broken.body())).containsExactly("error invalid: Reload failed, the previous content "
          + "still serves: CodeSystem-cpt.json:1: HAPI-1861: Failed to parse JSON encoded FHIR content: Unexpected "
          + "character ('b' (code 98)): was expecting double-quote to start field name\n at [line: 1, column: 33]");
      assertThat(display(ProdTestServer.get(LOOKUP))).isEqualTo(oldDisplay + " (reloaded)");
    } finally {
      Files.writeString(cpt, original, StandardCharsets.UTF_8);
      assertThat(reload("Bearer " + ProdTestServer.TOKEN).statusCode()).isEqualTo(200);
    }
    assertThat(display(ProdTestServer.get(LOOKUP))).isEqualTo(oldDisplay);
  }

  @Test
  void aBrokenPackageIsRefusedWithFileEntryAndReasonAndThePackageServedBeforeStillServes() throws Exception {
    String thoValueSet = "/fhir/ValueSet/$expand?url=http://terminology.hl7.org/ValueSet/CMSPlaceOfServiceCodes&count=1";
    HttpResponse<String> before = ProdTestServer.get(thoValueSet);
    assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
    Path tho = ProdTestServer.content().resolve("releases/hl7.terminology.r4-7.0.1.tgz");
    Path saved = Files.createTempFile("tho", ".tgz");
    Files.copy(tho, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try {
      org.moltx.loader.NpmPackageReaderTest.tgz(tho, java.util.Map.of("package.json",
          org.moltx.loader.NpmPackageReaderTest.PACKAGE_JSON, "ValueSet-x.json", "{\"resourceType\":\"ValueSet\",}"));
      HttpResponse<String> broken = reload("Bearer " + ProdTestServer.TOKEN);
      assertOutcome(broken, 422, "hl7.terminology.r4-7.0.1.tgz");
      assertThat(Answers.issues(broken.body())).containsExactly("error invalid: Reload failed, the previous content "
          + "still serves: releases/hl7.terminology.r4-7.0.1.tgz: entry package/ValueSet-x.json does not parse: "
          + "Unexpected character ('}' (code 125)): was expecting double-quote to start field name (line 1)");
      assertThat(ProdTestServer.get(thoValueSet).statusCode()).isEqualTo(200);
    } finally {
      Files.copy(saved, tho, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.delete(saved);
      assertThat(reload("Bearer " + ProdTestServer.TOKEN).statusCode()).isEqualTo(200);
    }
  }
}
