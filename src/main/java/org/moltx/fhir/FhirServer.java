package org.moltx.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.moltx.engine.Terminology;

/** The HAPI plain server with moltx's providers; no JPA, no database. */
public final class FhirServer extends RestfulServer {
  /** An expansion without count larger than this is refused as too costly (the ecosystem suite expects 1000). */
  public static final int MAX_EXPANSION_SIZE = 1000;

  private final transient Terminology terminology;

  public FhirServer(FhirContext fhir, Terminology terminology) {
    super(fhir);
    this.terminology = terminology;
    setDefaultResponseEncoding(EncodingEnum.JSON);
    setServerName("moltx");
    setImplementationDescription("moltx FHIR R4 terminology server");
    register(this, terminology);
    // server-level features of the standalone server; a host server keeps its own batch, $versions and metadata
    registerProviders(List.of(new VersionsOperation(), new BatchBundleProvider()));
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
        new LookupOperation(terminology),
        new TranslateOperation(terminology),
        new ExpandOperation(terminology, MAX_EXPANSION_SIZE),
        new ValueSetValidateCodeOperation(terminology),
        new CodeSystemValidateCodeOperation(terminology),
        new SubsumesOperation(terminology),
        new BatchValidateCodeOperation(),
        new CacheControlOperation()));
    server.registerInterceptor(new ErrorMapper());
    server.registerInterceptor(new DiagnosticsInterceptor());
    server.registerInterceptor(new ReadOnlyInterceptor());
    server.registerInterceptor(new TerminologyCapabilitiesInterceptor(terminology));
  }

  public Terminology terminology() {
    return terminology;
  }
}
