package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.moltx.engine.Terminology;

/** CodeSystem/$subsumes with codeA/codeB or codingA/codingB. */
public final class SubsumesOperation {
  static final Set<String> ACCEPTED = Set.of("codeA", "codeB", "system", "version", "codingA", "codingB");

  private final Terminology terminology;

  public SubsumesOperation(Terminology terminology) {
    this.terminology = terminology;
  }

  @Operation(name = "$subsumes", type = CodeSystem.class, idempotent = true)
  public Parameters subsumes(
      RequestDetails request,
      @OperationParam(name = "codeA", max = 1) CodeType codeA,
      @OperationParam(name = "codeB", max = 1) CodeType codeB,
      @OperationParam(name = "system", max = 1) UriType system,
      @OperationParam(name = "version", max = 1) StringType version,
      @OperationParam(name = "codingA", max = 1) Coding codingA,
      @OperationParam(name = "codingB", max = 1) Coding codingB) {
    RequestParameters.requireKnown(request, ACCEPTED, "$subsumes");
    CodingInput a = CodingInput.of(codeA, system, version, codingA, "codeA", "codingA");
    CodingInput b = CodingInput.of(codeB, system, version, codingB, "codeB", "codingB");
    if (a.system() != null && b.system() != null && !a.system().equals(b.system())) {
      throw ErrorMapper.invalid("codingA and codingB are from different code systems", "codingB");
    }
    String outcome = terminology.subsumes(RequestContent.store(request, terminology), a.system() != null ? a.system() : b.system(),
        a.version() != null ? a.version() : b.version(), a.code(), b.code());
    Parameters p = new Parameters();
    p.addParameter().setName("outcome").setValue(new CodeType(outcome));
    return p;
  }
}
