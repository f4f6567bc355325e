package org.moltx;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.moltx.app.Config;
import org.moltx.app.ServerFactory;

/** One real server on a random port with the default content, shared by the HTTP tests of a JVM. */
public final class TestServer {
  private static Server server;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestServer() {}

  public static synchronized String baseUrl() {
    if (server == null) {
      try {
        server = ServerFactory.createServer(0, Config.defaults());
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        base = "http://localhost:" + port;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.stop();
          } catch (Exception ignored) {
            // the JVM is exiting
          }
        }));
      } catch (Exception e) {
        throw new IllegalStateException("test server did not start", e);
      }
    }
    return base;
  }

  public static String fhirBase() {
    return baseUrl() + "/fhir";
  }

  public static IGenericClient client() {
    FhirContext ctx = FhirContext.forR4Cached();
    ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    return ctx.newRestfulGenericClient(fhirBase());
  }

  /** A raw GET of a path below the FHIR base, answered as JSON. */
  public static HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(fhirBase() + pathAndQuery)).header("Accept", "application/fhir+json").GET());
  }

  /** A raw POST of a JSON body to a path below the FHIR base. */
  public static HttpResponse<String> post(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(fhirBase() + path)).header("Content-Type", "application/fhir+json")
        .header("Accept", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
