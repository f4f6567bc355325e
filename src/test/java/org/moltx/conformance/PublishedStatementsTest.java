package org.moltx.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/**
 * What moltx claims is published in conformance/ (CapabilityStatement-moltx.json, TerminologyCapabilities-moltx.json)
 * and must be what the live server answers, apart from {@code date}: a change to the statements (an operation, a
 * parameter, a loaded code system version) must update the published file. To regenerate both after a deliberate
 * change: {@code mvn test -Dtest=PublishedStatementsTest -Dmoltx.updatePublished=true}, then review the diff.
 */
class PublishedStatementsTest {
  static final Path CONFORMANCE = Path.of("conformance");
  /** Fields that change on every request and are left out of the published files. */
  static final List<String> VOLATILE = List.of("date");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode live(String pathAndQuery, String resourceType) throws IOException {
    HttpResponse<String> response = TestServer.get(pathAndQuery);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode node = JSON.readTree(response.body());
    assertThat(node.path("resourceType").asText()).isEqualTo(resourceType);
    return withoutVolatile(node);
  }

  private static JsonNode withoutVolatile(JsonNode node) {
    ObjectNode copy = node.deepCopy();
    VOLATILE.forEach(copy::remove);
    return copy;
  }

  private static void assertPublished(String pathAndQuery, String resourceType) throws IOException {
    Path file = CONFORMANCE.resolve(resourceType + "-moltx.json");
    JsonNode live = live(pathAndQuery, resourceType);
    String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n";
    if (Boolean.getBoolean("moltx.updatePublished")) {
      Files.writeString(file, pretty);
    }
    Path actual = Path.of("target", "published-statements", file.getFileName().toString());
    Files.createDirectories(actual.getParent());
    Files.writeString(actual, pretty);
    assertThat(Files.exists(file)).as(file + " is missing; run with -Dmoltx.updatePublished=true").isTrue();
    assertThat(live)
        .as("GET %s differs from %s (the live answer is in %s: review with diff, then copy it over or run with "
            + "-Dmoltx.updatePublished=true)", pathAndQuery, file, actual)
        .isEqualTo(withoutVolatile(JSON.readTree(file.toFile())));
  }

  @Test
  void theCapabilityStatementIsThePublishedOne() throws IOException {
    assertPublished("/metadata", "CapabilityStatement");
  }

  @Test
  void theTerminologyCapabilitiesAreThePublishedOnes() throws IOException {
    assertPublished("/metadata?mode=terminology", "TerminologyCapabilities");
  }

  @Test
  void theStatementsAreTheSameOnEveryRequestApartFromTheDate() throws IOException {
    assertThat(live("/metadata", "CapabilityStatement")).isEqualTo(live("/metadata", "CapabilityStatement"));
    assertThat(live("/metadata?mode=terminology", "TerminologyCapabilities"))
        .isEqualTo(live("/metadata?mode=terminology", "TerminologyCapabilities"));
  }

  /** The test-version feature names the vendored suite's version (history.json), in semver form (1.90 is 1.9.0). */
  @Test
  void theTestVersionFeatureIsTheVendoredSuitesVersion() throws IOException {
    String suite = JSON.readTree(CONFORMANCE.resolve("tx-tests/history.json").toFile())
        .path("versions").path(0).path("version").asText();
    String claimed = null;
    for (JsonNode feature : live("/metadata", "CapabilityStatement").path("extension")) {
      if (feature.path("extension").path(0).path("valueCanonical").asText()
          .equals("http://hl7.org/fhir/uv/tx-tests/FeatureDefinition/test-version")) {
        claimed = feature.path("extension").path(1).path("valueCode").asText();
      }
    }
    assertThat(claimed).isNotNull().matches("\\d+\\.\\d+\\.\\d+");
    assertThat(claimed.replace(".", "")).isEqualTo(suite.replace(".", ""));
  }
}
