package org.moltx.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded fuzz test of the parameter handling of every operation, over HTTP: random parameter names (accepted ones
 * and others), random values of every shape (codes, URLs, booleans, numbers, dates, odd Unicode, long strings), as a
 * GET query or a POSTed Parameters resource with random value types, parts and inline resources. Nothing may answer
 * 5xx; every 4xx is an OperationOutcome that says something. About four seconds; the seed is in the failure
 * message ({@code -Dmoltx.fuzz.seed=N} replays it).
 */
class ParameterFuzzTest {
  private static final long SEED = Long.getLong("moltx.fuzz.seed", System.nanoTime());
  private static final long BUDGET_NANOS = 4_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";

  private static final List<String[]> OPERATIONS = List.of(
      new String[] {"/fhir/CodeSystem/$lookup", "code", "system", "version", "coding", "date", "displayLanguage",
          "property"},
      new String[] {"/fhir/ValueSet/$validate-code", "url", "valueSet", "valueSetVersion", "code", "system",
          "systemVersion", "version", "display", "coding", "codeableConcept", "date", "abstract", "displayLanguage",
          "inferSystem", "activeOnly", "lenient-display-validation"},
      new String[] {"/fhir/CodeSystem/$validate-code", "url", "codeSystem", "code", "version", "display", "coding",
          "codeableConcept", "date", "abstract", "displayLanguage"},
      new String[] {"/fhir/ConceptMap/$translate", "url", "conceptMap", "conceptMapVersion", "code", "system",
          "version", "source", "coding", "codeableConcept", "target", "targetsystem", "reverse", "sourceCode",
          "targetCode", "useHierarchy"},
      new String[] {"/fhir/ValueSet/$expand", "url", "valueSet", "valueSetVersion", "filter", "count", "offset",
          "activeOnly", "includeDesignations", "includeDefinition", "displayLanguage", "excludeNested", "property",
          "date", "system-version", "exclude-system"},
      new String[] {"/fhir/CodeSystem/$subsumes", "codeA", "codeB", "system", "version", "codingA", "codingB"});

  private static final String[] CODES = {"81455", "81311", "C92.10", "C92", "C18.7", "S23.420A", "C78.31", "11",
      "207ZP0102X", "26", "J45.909", "c92.10", "A00-B99"};
  private static final String[] URLS = {CPT, ICD, ICD + "?fhir_vs", "http://nucc.org/provider-taxonomy",
      "http://moltx.org/fhir/ConceptMap/cpt-icd10cm-indications", "http://moltx.org/fhir/ValueSet/cpt-81455-indications",
      "http://example.org/unknown", "urn:oid:2.16.840.1.113883.6.90", "not a url", ""};

  private final Random random = new Random(SEED);

  @Test
  @Timeout(60)
  void randomParametersNeverGet5xx() throws Exception {
    ProdTestServer.baseUrl();
    long end = System.nanoTime() + BUDGET_NANOS;
    int runs = 0;
    while (System.nanoTime() < end && runs < 2000) {
      runs++;
      String[] op = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
      boolean post = random.nextBoolean();
      HttpRequest.Builder b;
      String described;
      if (post) {
        String body = JSON.writeValueAsString(parameters(op));
        described = "POST " + op[0] + " " + body;
        b = HttpRequest.newBuilder(URI.create(ProdTestServer.baseUrl() + op[0]))
            .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body));
      } else {
        String query = query(op);
        described = "GET " + op[0] + "?" + query;
        b = HttpRequest.newBuilder(URI.create(ProdTestServer.baseUrl() + op[0] + "?" + query)).GET();
      }
      HttpResponse<String> r = ProdTestServer.send(b.header("Accept", "application/fhir+json"));
      String context = "seed " + SEED + ", run " + runs + ": " + described + " -> " + r.statusCode() + " " + r.body();
      assertThat(r.statusCode()).as(context).isBetween(200, 499);
      if (r.statusCode() >= 400) {
        JsonNode oo = JSON.readTree(r.body());
        assertThat(oo.path("resourceType").asText()).as(context).isEqualTo("OperationOutcome");
        assertThat(oo.at("/issue/0/diagnostics").asText()).as(context).isNotBlank();
      }
    }
    System.out.println("ParameterFuzzTest: " + runs + " requests, seed " + SEED);
    assertThat(runs).isGreaterThan(20);
  }

  private String name(String[] op) {
    int pick = random.nextInt(12);
    return pick < 10 ? op[1 + random.nextInt(op.length - 1)]
        : pick == 10 ? new String[] {"_format", "_summary", "tx-resource", "foo", "", "code ", "CODE"}[random.nextInt(7)]
        : text(1 + random.nextInt(10));
  }

  private String value() {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> CODES[random.nextInt(CODES.length)];
      case 3, 4 -> URLS[random.nextInt(URLS.length)];
      case 5 -> new String[] {"true", "false", "maybe", "1", "TRUE", ""}[random.nextInt(6)];
      case 6 -> String.valueOf(new long[] {0, -1, 1, 20, 1000, 2147483648L, Long.MIN_VALUE}[random.nextInt(7)]);
      case 7 -> new String[] {"2026-10-01", "2026", "2026-13-45", "yesterday", "2026-02-30T25:61:00Z"}[random.nextInt(5)];
      case 8 -> URLS[random.nextInt(URLS.length)] + "|" + CODES[random.nextInt(CODES.length)];
      default -> text(random.nextInt(random.nextInt(10) == 0 ? 600 : 30));
    };
  }

  private String text(int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      b.append(kind < 6 ? (char) (32 + random.nextInt(95)) : kind < 8 ? "|&=%#?\\\"\u0000".charAt(random.nextInt(9))
          : (char) (0x80 + random.nextInt(0xD000)));
    }
    return b.toString();
  }

  private String query(String[] op) {
    StringBuilder q = new StringBuilder();
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      q.append(i == 0 ? "" : "&").append(URLEncoder.encode(name(op), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(value(), StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  private ObjectNode parameters(String[] op) {
    ObjectNode p = JSON.createObjectNode().put("resourceType", random.nextInt(30) == 0 ? "Patient" : "Parameters");
    ArrayNode list = p.putArray("parameter");
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      ObjectNode param = list.addObject();
      if (random.nextInt(40) != 0) {
        param.put("name", name(op));
      }
      setValue(param, 0);
    }
    return p;
  }

  private void setValue(ObjectNode param, int depth) {
    switch (random.nextInt(depth > 1 ? 9 : 11)) {
      case 0 -> param.put("valueString", value());
      case 1, 2 -> param.put("valueCode", value());
      case 3 -> param.put("valueUri", value());
      case 4 -> param.put("valueBoolean", random.nextBoolean());
      case 5 -> param.put("valueInteger", random.nextInt());
      case 6, 7 -> {
        ObjectNode coding = param.putObject("valueCoding");
        if (random.nextBoolean()) {
          coding.put("system", URLS[random.nextInt(URLS.length)]);
        }
        if (random.nextInt(5) != 0) {
          coding.put("code", value());
        }
        if (random.nextInt(4) == 0) {
          coding.put("version", value());
        }
      }
      case 8 -> {
        ObjectNode cc = param.putObject("valueCodeableConcept");
        ArrayNode codings = cc.putArray("coding");
        for (int i = random.nextInt(3); i > 0; i--) {
          codings.addObject().put("system", URLS[random.nextInt(URLS.length)]).put("code", value());
        }
      }
      case 9 -> {
        ArrayNode parts = param.putArray("part");
        for (int i = random.nextInt(3); i > 0; i--) {
          ObjectNode part = parts.addObject().put("name", value());
          setValue(part, depth + 1);
        }
      }
      default -> param.set("resource", resource());
    }
  }

  private ObjectNode resource() {
    boolean cs = random.nextBoolean();
    ObjectNode r = JSON.createObjectNode().put("resourceType", cs ? "CodeSystem" : "ValueSet")
        .put("url", "http://fuzz/" + random.nextInt(3)).put("status", "active");
    if (cs) {
      r.put("content", random.nextBoolean() ? "complete" : "fragment");
      ArrayNode concepts = r.putArray("concept");
      for (int i = random.nextInt(4); i > 0; i--) {
        ObjectNode c = concepts.addObject();
        if (random.nextInt(6) != 0) {
          c.put("code", value());
        }
        c.put("display", value());
      }
    } else {
      ObjectNode include = r.putObject("compose").putArray("include").addObject();
      if (random.nextBoolean()) {
        include.put("system", URLS[random.nextInt(URLS.length)]);
      }
      if (random.nextInt(3) == 0) {
        include.putArray("filter").addObject().put("property", value()).put("op",
            new String[] {"is-a", "=", "regex", "in", "bogus"}[random.nextInt(5)]).put("value", value());
      }
      if (random.nextInt(4) == 0) {
        include.putArray("valueSet").add("http://fuzz/" + random.nextInt(3));
      }
    }
    return r;
  }
}
