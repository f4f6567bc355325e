package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.Answers;
import org.moltx.TestServer;
import org.moltx.app.Config;
import org.moltx.app.NpmPackage;
import org.moltx.app.ServerFactory;

/**
 * The FHIR package moltx builds of its authored content (target/moltx-terminology-VERSION.tgz, made here by the same
 * code) loaded with --package into a second server with an empty content folder: it serves the same answers.
 */
class OwnPackageRoundTripTest {
  @TempDir static Path dir;
  private static Server server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Path tgz = NpmPackage.build(Path.of("terminology"), dir.resolve("moltx-terminology-0.0.0.tgz"), "0.0.0");
    Path empty = Files.createDirectory(dir.resolve("empty-content"));
    server = ServerFactory.createServer(0, new Config(0, empty).withCoreTerminology(false).withPackages(List.of(tgz)));
    server.start();
    base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/fhir";
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  private static HttpResponse<String> get(String pathAndQuery) {
    return TestServer.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .header("Accept", "application/fhir+json"));
  }

  @Test
  void aCodeOfThePackagedCptFragmentIsLookedUpAsFromTheContentFolder() {
    HttpResponse<String> fromPackage = get("/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=81311");
    HttpResponse<String> fromFolder = TestServer.get("/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt"
        + "&code=81311");
    assertThat(fromPackage.statusCode()).as(fromPackage.body()).isEqualTo(200);
    assertThat(Answers.lines(fromPackage.body())).isEqualTo(Answers.lines(fromFolder.body()));
  }

  @Test
  void aPackagedValueSetExpandsAndAPackagedConceptMapTranslates() {
    HttpResponse<String> vs = get("/ValueSet/$expand?url=http://moltx.org/fhir/ValueSet/molecular-pathology-modifiers");
    assertThat(vs.statusCode()).as(vs.body()).isEqualTo(200);
    assertThat(vs.body()).contains("\"code\":\"26\"", "\"code\":\"TC\"");
    HttpResponse<String> translate = get("/ConceptMap/$translate?url=http://moltx.org/fhir/ConceptMap/cpt-related-codes"
        + "&system=http://www.ama-assn.org/go/cpt&code=81455&targetsystem=http://www.ama-assn.org/go/cpt");
    assertThat(translate.statusCode()).as(translate.body()).isEqualTo(200);
    Parameters out = Answers.parameters(translate.body());
    assertThat(out.getParameterBool("result")).isTrue();
    assertThat(out.getParameter().stream().filter(p -> p.getName().equals("match"))
        .flatMap(m -> m.getPart().stream()).filter(p -> p.getName().equals("concept"))
        .map(p -> ((Coding) p.getValue()).getCode()).sorted().toList()).containsExactly("81445", "81449", "81450", "81451", "81456");
  }
}
