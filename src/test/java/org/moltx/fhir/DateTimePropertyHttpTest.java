package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.app.Config;
import org.moltx.app.ServerFactory;

/**
 * A dateTime concept property (none of our content has one: a code system with the ecosystem's deprecationDate, served
 * from a content folder of its own) is valueDateTime wherever it becomes FHIR: $lookup, the CodeSystem read, $expand.
 */
class DateTimePropertyHttpTest {
  private static final String CS = "http://example.org/fhir/CodeSystem/dated";
  private static final String VS = "http://example.org/fhir/ValueSet/dated";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir
  static Path content;
  private static Server server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(content.resolve("CodeSystem-dated.json"), """
        {"resourceType": "CodeSystem", "id": "dated", "url": "%s", "version": "1.0", "name": "Dated",
         "status": "active", "content": "complete",
         "property": [{"code": "deprecationDate", "uri": "http://hl7.org/fhir/concept-properties#deprecationDate",
                       "type": "dateTime"}],
         "concept": [{"code": "old", "display": "Old",
                      "property": [{"code": "deprecationDate", "valueDateTime": "2009-07-12"}]},
                     {"code": "new", "display": "New"}]}
        """.formatted(CS), StandardCharsets.UTF_8);
    Files.writeString(content.resolve("ValueSet-dated.json"), """
        {"resourceType": "ValueSet", "id": "dated", "url": "%s", "version": "1.0", "name": "Dated", "status": "active",
         "compose": {"include": [{"system": "%s"}]}}
        """.formatted(VS, CS), StandardCharsets.UTF_8);
    server = ServerFactory.createServer(0, new Config(0, content));
    server.start();
    base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/fhir";
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  private static JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void lookupGivesTheDateTimePropertyAsValueDateTime() throws Exception {
    JsonNode out = get("/CodeSystem/$lookup?system=" + CS + "&code=old&property=deprecationDate");
    JsonNode value = null;
    for (JsonNode p : out.path("parameter")) {
      if (p.path("name").asText().equals("property")) {
        for (JsonNode part : p.path("part")) {
          if (part.path("name").asText().equals("value")) {
            value = part;
          }
        }
      }
    }
    assertThat(value).as(out.toString()).isNotNull();
    assertThat(value.path("valueDateTime").asText()).isEqualTo("2009-07-12");
  }

  @Test
  void theCodeSystemReadGivesItAsValueDateTime() throws Exception {
    JsonNode cs = get("/CodeSystem/dated");
    JsonNode property = cs.path("concept").get(0).path("property").get(0);
    assertThat(property.path("code").asText()).isEqualTo("deprecationDate");
    assertThat(property.path("valueDateTime").asText()).isEqualTo("2009-07-12");
  }

  @Test
  void expandGivesItAsValueDateTime() throws Exception {
    JsonNode vs = get("/ValueSet/$expand?url=" + VS + "&property=deprecationDate");
    JsonNode old = null;
    for (JsonNode c : vs.path("expansion").path("contains")) {
      if (c.path("code").asText().equals("old")) {
        old = c;
      }
    }
    assertThat(old).as(vs.toString()).isNotNull();
    JsonNode value = null;
    for (JsonNode e : old.path("extension")) {
      if (e.path("url").asText().equals(ExpansionWriter.CONTAINS_PROPERTY_EXTENSION)) {
        for (JsonNode part : e.path("extension")) {
          if (part.path("url").asText().equals("value")) {
            value = part;
          }
        }
      }
    }
    assertThat(value).as(old.toString()).isNotNull();
    assertThat(value.path("valueDateTime").asText()).isEqualTo("2009-07-12");
    assertThat(value.has("valueCode")).isFalse();
  }
}
