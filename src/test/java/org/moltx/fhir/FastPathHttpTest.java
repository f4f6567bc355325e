package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.Base;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.moltx.TestServer;
import org.moltx.app.Moltx;

/**
 * Both roads answer alike: the standalone server's direct path (FastPathFilter) and HAPI's method bindings, as a host
 * server that registered moltx dispatches them (no filter there); and the standalone server does take the direct
 * road for operations, and HAPI's for the rest (its moltx_pipeline_direct_total counter says which).
 */
class FastPathHttpTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Server host;
  private static String hostBase;

  @BeforeAll
  static void startHost() throws Exception {
    RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
    FhirServer.register(server, Moltx.load());
    host = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(server), "/fhir/*");
    host.setHandler(context);
    host.start();
    hostBase = "http://localhost:" + ((ServerConnector) host.getConnectors()[0]).getLocalPort() + "/fhir";
  }

  @AfterAll
  static void stopHost() throws Exception {
    host.stop();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=81455",
      "/CodeSystem/$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&code=C92.0&version=2026",
      "/CodeSystem/$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code=C92.10",
      "/CodeSystem/$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code=C9210",
      "/CodeSystem/$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code=C92.41&display=Chronic%20lymphocytic%20leukemia",
      "/ValueSet/$validate-code?url=http://moltx.org/fhir/ValueSet/cpt-81455-indications&system=http://hl7.org/fhir/sid/icd-10-cm&code=J45.909",
      "/ValueSet/$expand?url=http://moltx.org/fhir/ValueSet/cpt-81311-indications&count=7&offset=2",
      "/ConceptMap/$translate?system=http://www.ama-assn.org/go/cpt&code=81455&targetsystem=http://hl7.org/fhir/sid/icd-10-cm",
      "/ConceptMap/$translate?system=http://hl7.org/fhir/sid/icd-10-cm&code=C18.7&reverse=true",
      "/CodeSystem/$subsumes?system=http://hl7.org/fhir/sid/icd-10-cm&codeA=C92&codeB=C92.01",
      "/CodeSystem/$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&code=NOPE",
      "/ConceptMap/$translate?system=http://www.ama-assn.org/go/cpt&code=81455&reverse=maybe"})
  void theDirectPathAndHapisBindingsGiveTheSameAnswer(String request) throws Exception {
    HttpResponse<String> direct = TestServer.get(request);
    HttpResponse<String> viaHapi = get(hostBase + request);
    assertThat(direct.statusCode()).isEqualTo(viaHapi.statusCode());
    var parser = FhirContext.forR4Cached().newJsonParser();
    Base a = (Base) parser.parseResource(direct.body());
    Base b = (Base) parser.parseResource(viaHapi.body());
    if (a instanceof org.hl7.fhir.r4.model.ValueSet va && b instanceof org.hl7.fhir.r4.model.ValueSet vb) {
      va.getExpansion().setIdentifier(null).setTimestamp(null); // fresh on every expansion
      vb.getExpansion().setIdentifier(null).setTimestamp(null);
    }
    assertThat(a.equalsDeep(b)).as(direct.body() + "\n" + viaHapi.body()).isTrue();
  }

  private static long directAnswers() {
    Matcher m = Pattern.compile("(?m)^moltx_pipeline_direct_total ([0-9.E]+)$")
        .matcher(TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + "/metrics"))).body());
    assertThat(m.find()).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  @Test
  void operationsTakeTheDirectRoadAndReadsTakeHapis() {
    long before = directAnswers();
    assertThat(TestServer.get("/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=81311&_pretty=true")
        .statusCode()).isEqualTo(200);
    assertThat(TestServer.post("/ValueSet/$validate-code", """
        {"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://moltx.org/fhir/ValueSet/cpt-81455-indications"},
         {"name":"coding","valueCoding":{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"C92.01"}}]}""")
        .statusCode()).isEqualTo(200);
    assertThat(directAnswers()).isEqualTo(before + 2);
    assertThat(TestServer.get("/CodeSystem?url=http://www.ama-assn.org/go/cpt").statusCode()).isEqualTo(200);
    assertThat(TestServer.get("/metadata").statusCode()).isEqualTo(200);
    assertThat(directAnswers()).isEqualTo(before + 2);
  }
}
