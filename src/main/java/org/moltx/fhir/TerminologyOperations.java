package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.IdType;
import org.moltx.engine.Terminology;

/**
 * The terminology operations as HAPI method bindings, for a server that dispatches through HAPI (a host server that
 * registered moltx, a request the direct path leaves to HAPI). Each reads the request itself and answers through
 * its contract in the OperationPipeline, exactly as the direct path does: the parameters are declared once, in the
 * contracts, not here.
 */
public final class TerminologyOperations {
  /** The CodeSystem operations. */
  public static final class CodeSystemOperations {
    private final Terminology terminology;

    CodeSystemOperations(Terminology terminology) {
      this.terminology = terminology;
    }

    @Operation(name = "$lookup", type = org.hl7.fhir.r4.model.CodeSystem.class, idempotent = true,
        manualRequest = true, manualResponse = true)
    public void lookup(HttpServletRequest request, HttpServletResponse response) throws IOException {
      serve(OperationPipeline.LOOKUP, null, request, response, terminology);
    }

    @Operation(name = "$validate-code", type = org.hl7.fhir.r4.model.CodeSystem.class, idempotent = true,
        manualRequest = true, manualResponse = true)
    public void validateCode(@IdParam(optional = true) IdType id, HttpServletRequest request,
        HttpServletResponse response) throws IOException {
      serve(OperationPipeline.CODE_SYSTEM_VALIDATE, id, request, response, terminology);
    }

    @Operation(name = "$subsumes", type = org.hl7.fhir.r4.model.CodeSystem.class, idempotent = true,
        manualRequest = true, manualResponse = true)
    public void subsumes(HttpServletRequest request, HttpServletResponse response) throws IOException {
      serve(OperationPipeline.SUBSUMES, null, request, response, terminology);
    }
  }

  /** The ValueSet operations ($batch-validate-code is BatchValidateCodeOperation). */
  public static final class ValueSetOperations {
    private final Terminology terminology;

    ValueSetOperations(Terminology terminology) {
      this.terminology = terminology;
    }

    @Operation(name = "$expand", type = org.hl7.fhir.r4.model.ValueSet.class, idempotent = true,
        manualRequest = true, manualResponse = true)
    public void expand(@IdParam(optional = true) IdType id, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      serve(OperationPipeline.EXPAND, id, request, response, terminology);
    }

    @Operation(name = "$validate-code", type = org.hl7.fhir.r4.model.ValueSet.class, idempotent = true,
        manualRequest = true, manualResponse = true)
    public void validateCode(@IdParam(optional = true) IdType id, HttpServletRequest request,
        HttpServletResponse response) throws IOException {
      serve(OperationPipeline.VALUE_SET_VALIDATE, id, request, response, terminology);
    }
  }

  /** The ConceptMap operation. */
  public static final class ConceptMapOperations {
    private final Terminology terminology;

    ConceptMapOperations(Terminology terminology) {
      this.terminology = terminology;
    }

    @Operation(name = "$translate", type = org.hl7.fhir.r4.model.ConceptMap.class, idempotent = true,
        manualRequest = true, manualResponse = true)
    public void translate(@IdParam(optional = true) IdType id, HttpServletRequest request,
        HttpServletResponse response) throws IOException {
      serve(OperationPipeline.TRANSLATE, id, request, response, terminology);
    }
  }

  private TerminologyOperations() {}

  private static void serve(OperationContract contract, IdType id, HttpServletRequest request,
      HttpServletResponse response, Terminology terminology) throws IOException {
    OperationPipeline.serve(new OperationPipeline.Route(contract, id == null || !id.hasIdPart() ? null : id.getIdPart()),
        request, response, terminology);
  }
}
