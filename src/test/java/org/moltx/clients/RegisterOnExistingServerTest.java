package org.moltx.clients;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moltx.app.Moltx;
import org.moltx.engine.Terminology;
import org.moltx.fhir.FhirServer;

/** An organisation's own HAPI plain server, with moltx's terminology operations registered on it. */
class RegisterOnExistingServerTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static Server jetty;
  private static IGenericClient client;

  /** The host's own provider, which keeps working next to moltx's. */
  public static final class PatientProvider implements IResourceProvider {
    @Override
    public Class<Patient> getResourceType() {
      return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
      Patient p = new Patient();
      p.setId(id.getIdPart());
      p.addName().setFamily("Host");
      return p;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    // the snippet of docs/using-as-a-module.md
    RestfulServer server = new RestfulServer(FHIR);
    server.registerProvider(new PatientProvider());
    Terminology terminology = Moltx.load();
    FhirServer.register(server, terminology);

    jetty = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(server), "/fhir/*");
    jetty.setHandler(context);
    jetty.start();
    int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.stop();
  }

  @Test
  void lookupThroughTheHostServer() {
    Parameters out = client.operation().onType(CodeSystem.class).named("$lookup")
        .withParameter(Parameters.class, "system", new UriType("http://hl7.org/fhir/sid/icd-10-cm"))
        .andParameter("code", new StringType("C92.41")).useHttpGet().execute();
    assertThat(((StringType) out.getParameter("display").getValue()).getValue())
        .isEqualTo("Acute promyelocytic leukemia, in remission");
    assertThat(out.getParameter("version").getValue().primitiveValue()).isEqualTo("2027");
  }

  @Test
  void validateCodeThroughTheHostServer() {
    Parameters out = client.operation().onType(CodeSystem.class).named("$validate-code")
        .withParameter(Parameters.class, "url", new UriType("http://hl7.org/fhir/sid/icd-10-cm"))
        .andParameter("code", new StringType("C92.41"))
        .andParameter("display", new StringType(ServiceRequests.SEED_LABEL_C92_41)).execute();
    assertThat(((BooleanType) out.getParameter("result").getValue()).booleanValue()).isFalse();
    assertThat(out.getParameter("message").getValue().primitiveValue())
        .contains("Valid display is 'Acute promyelocytic leukemia, in remission'");
  }

  @Test
  void theHostsOwnProvidersStillAnswer() {
    Patient p = client.read().resource(Patient.class).withId("p1").execute();
    assertThat(p.getNameFirstRep().getFamily()).isEqualTo("Host");
  }
}
