package org.moltx.app;

import ca.uhn.fhir.context.FhirContext;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.moltx.cdshooks.CdsHooksServlet;
import org.moltx.engine.Terminology;
import org.moltx.fhir.FhirServer;
import org.moltx.loader.ContentLoader;
import org.moltx.store.TerminologyStore;

/** The only place that wires moltx together; used by {@link Main} and by the tests (port 0). */
public final class ServerFactory {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private ServerFactory() {}

  public static Server createServer(int port, Config config) {
    Terminology terminology = new Terminology(loadStore(config));
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder fhir = new ServletHolder("fhir", new FhirServer(FHIR, terminology));
    fhir.setInitOrder(1);
    context.addServlet(fhir, "/fhir/*");
    context.addServlet(new ServletHolder("cds-hooks", new CdsHooksServlet(FHIR, terminology, config.cdsSettings())),
        "/cds-services/*");
    server.setHandler(context);
    server.setStopTimeout(5_000);
    return server;
  }

  static TerminologyStore loadStore(Config config) {
    return StoreAssembler.assemble(new ContentLoader(FHIR).load(ContentFolder.resolve(config)));
  }

  public static FhirContext fhirContext() {
    return FHIR;
  }
}
