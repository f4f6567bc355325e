package org.moltx.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.moltx.engine.Terminology;

/** The HAPI plain server with moltx's providers; no JPA, no database. */
public final class FhirServer extends RestfulServer {
  private final transient Terminology terminology;

  public FhirServer(FhirContext fhir, Terminology terminology) {
    super(fhir);
    this.terminology = terminology;
    setDefaultResponseEncoding(EncodingEnum.JSON);
    setServerName("moltx");
    setImplementationDescription("moltx FHIR R4 terminology server");
    register(this, terminology);
    // server-level features of the standalone server; a host server keeps its own batch, $versions and metadata
    registerProviders(List.of(new VersionsOperation(), new BatchBundleProvider(terminology)));
    setServerConformanceProvider(new TerminologyServerCapabilityStatementProvider(this));
  }

  /**
   * Registers moltx's providers and error mapping on a RestfulServer: this one, or an existing HAPI server that
   * wants moltx in process.
   */
  public static void register(RestfulServer server, Terminology terminology) {
    server.registerProviders(List.of(
        new CodeSystemProvider(terminology),
        new ValueSetProvider(terminology),
        new ConceptMapProvider(terminology),
        new TerminologyOperations.CodeSystemOperations(terminology),
        new TerminologyOperations.ValueSetOperations(terminology),
        new TerminologyOperations.ConceptMapOperations(terminology),
        new BatchValidateCodeOperation(terminology),
        new CacheControlOperation()));
    server.registerInterceptor(new ErrorMapper());
    server.registerInterceptor(new ReadOnlyInterceptor());
    server.registerInterceptor(new TerminologyCapabilitiesInterceptor(terminology));
  }

  public Terminology terminology() {
    return terminology;
  }
}
