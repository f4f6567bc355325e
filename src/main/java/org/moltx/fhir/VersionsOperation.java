package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code [base]/$versions} (GET and POST), the FHIR R5 operation
 * (http://hl7.org/fhir/OperationDefinition/CapabilityStatement-versions) that clients such as the HL7 validator
 * ask first: the FHIR versions this endpoint supports, and its default. moltx is an R4 server.
 */
public final class VersionsOperation {
  static final String DEFINITION = "http://hl7.org/fhir/OperationDefinition/CapabilityStatement-versions";
  static final String FHIR_VERSION = "4.0";

  @Operation(name = "$versions", idempotent = true)
  public Parameters versions(RequestDetails request) {
    OperationContract.check("$versions", List.of(), ParamSource.of(request));
    Parameters out = new Parameters();
    out.addParameter("version", new CodeType(FHIR_VERSION));
    out.addParameter("default", new CodeType(FHIR_VERSION));
    return out;
  }
}
