package org.moltx.fhir;

import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.moltx.engine.LookupResult;
import org.moltx.engine.Terminology;
import org.moltx.engine.ValidateResult;

/**
 * The terminology operations for a caller in the same process (MoltxValidationSupport): the same contracts an HTTP
 * request goes through, given the request as a Parameters resource, answering with the engine's typed result.
 */
public final class InProcess {
  private InProcess() {}

  /** CodeSystem/$validate-code. */
  public static ValidateResult validateInCodeSystem(Terminology terminology, Parameters request) {
    return ((CodeSystemValidateContract.ValidateAnswer) run(OperationPipeline.CODE_SYSTEM_VALIDATE, terminology,
        request)).result();
  }

  /** ValueSet/$validate-code. */
  public static ValidateResult validateInValueSet(Terminology terminology, Parameters request) {
    return ((CodeSystemValidateContract.ValidateAnswer) run(OperationPipeline.VALUE_SET_VALIDATE, terminology,
        request)).result();
  }

  /** CodeSystem/$lookup. */
  public static LookupResult lookup(Terminology terminology, Parameters request) {
    return ((LookupContract.LookupAnswer) run(OperationPipeline.LOOKUP, terminology, request)).result();
  }

  private static OperationContract.Answer run(OperationContract contract, Terminology terminology, Parameters request) {
    return OperationPipeline.run(new OperationPipeline.Route(contract, null),
        new ParamSource(Map.of(), request, name -> null), "POST", terminology).answer();
  }
}
