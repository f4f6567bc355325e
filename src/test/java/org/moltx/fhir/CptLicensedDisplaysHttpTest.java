package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.TestServer;
import org.moltx.app.Config;
import org.moltx.app.ServerFactory;
import org.moltx.loader.Fixtures;

/**
 * Our CPT displays are paraphrases, so a different display is only a warning; once a licensee loads the AMA descriptor
 * file (releases/cpt-descriptors.txt, as the shipped manifest names it) the displays it gives are official, and a
 * wrong one is an error as in any other code system. Served from a content folder with our CPT CodeSystem, the
 * manifest's cpt-descriptors entry and a descriptor file (invented test descriptors for 81455 and 81311).
 */
class CptLicensedDisplaysHttpTest {
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  /** Our displays (terminology/CodeSystem-cpt.json) of codes the test file does and does not describe. */
  private static final String PARAPHRASE_81455 = "Genomic sequencing panel, solid organ or hematolymphoid neoplasm or "
      + "disorder, 51 or more genes; DNA, or combined DNA and RNA, analysis";
  private static final String PARAPHRASE_81445 = "Genomic sequencing panel, solid organ neoplasm, 5 to 50 genes; DNA, "
      + "or combined DNA and RNA, analysis";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final IParser PARSER = FhirContext.forR4Cached().newJsonParser();
  @TempDir static Path content;
  private static Server server;
  private static String base;

  @BeforeAll
  static void startWithTheLicenseesFile() throws Exception {
    Files.copy(Path.of("terminology/CodeSystem-cpt.json"), content.resolve("CodeSystem-cpt.json"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(Path.of("terminology/releases/releases.json").toFile());
    ArrayNode cptOnly = json.createArrayNode();
    manifest.withArray("releases").forEach(r -> {
      if (r.path("format").asText().equals("cpt-descriptors")) {
        cptOnly.add(r);
      }
    });
    assertThat(cptOnly).extracting(r -> r.path("file").asText()).containsExactly("cpt-descriptors.txt");
    manifest.set("releases", cptOnly);
    Path releases = Files.createDirectories(content.resolve("releases"));
    Files.writeString(releases.resolve("releases.json"), json.writeValueAsString(manifest));
    Files.move(Fixtures.stripped("cpt-descriptors-mini.txt", releases), releases.resolve("cpt-descriptors.txt"));
    server = ServerFactory.createServer(0,
        Config.parse(new String[] {"--port", "0", "--content", content.toString()}, Map.of()));
    server.start();
    base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/fhir";
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private static Parameters validate(String fhirBase, String code, String display) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fhirBase + "/CodeSystem/$validate-code?url="
        + CPT + "&code=" + code + "&display=" + display.replace(" ", "%20")))
        .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return PARSER.parseResource(Parameters.class, r.body());
  }

  /** result, then each issue as "severity text". */
  private static List<String> verdict(Parameters out) {
    List<String> verdict = new java.util.ArrayList<>(List.of("result=" + out.getParameterBool("result")));
    if (out.getParameter("issues") != null) {
      ((OperationOutcome) out.getParameter("issues").getResource()).getIssue()
          .forEach(i -> verdict.add(i.getSeverity().toCode() + " " + i.getDetails().getText()));
    }
    return verdict;
  }

  @Test
  void withTheLicenseesFileAWrongDisplayIsAnError() throws Exception {
    assertThat(verdict(validate(base, "81455", "Solid tumour panel"))).containsExactly("result=false",
        "error Wrong Display Name 'Solid tumour panel' for " + CPT + "#81455. Valid display is 'TEST DESCRIPTOR "
            + "81455: licensed long descriptor' (for the language(s) '--')");
    assertThat(verdict(validate(base, "81455", "TEST DESCRIPTOR 81455: licensed long descriptor")))
        .containsExactly("result=true");
  }

  @Test
  void aCodeTheFileDoesNotDescribeKeepsOurParaphraseAndItsWarning() throws Exception {
    assertThat(verdict(validate(base, "81445", "Solid tumour panel"))).containsExactly("result=true",
        "warning Wrong Display Name 'Solid tumour panel' for " + CPT + "#81445. Valid display is '" + PARAPHRASE_81445
            + "' (for the language(s) '--')");
  }

  @Test
  void withoutTheFileOurParaphrasesMakeAWrongDisplayAWarning() throws Exception {
    assertThat(verdict(validate(TestServer.fhirBase(), "81455", "Solid tumour panel"))).containsExactly("result=true",
        "warning Wrong Display Name 'Solid tumour panel' for " + CPT + "#81455. Valid display is '" + PARAPHRASE_81455
            + "' (for the language(s) '--')");
  }
}
