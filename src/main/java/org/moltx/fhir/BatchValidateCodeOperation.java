package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.Terminology;

/**
 * ValueSet/$batch-validate-code (the tx ecosystem's batch form of $validate-code): each {@code validation}
 * parameter is a Parameters resource answered as one ValueSet/$validate-code request, with the request's other
 * parameters (tx-resource, url, lenient-display-validation, ...) applying to every validation unless the
 * validation sets them itself. Each answer (Parameters, or the OperationOutcome of a failed validation) is one
 * {@code validation} of the result, in order; a failing validation does not fail the batch.
 */
public final class BatchValidateCodeOperation {
  private final Terminology terminology;

  public BatchValidateCodeOperation(Terminology terminology) {
    this.terminology = terminology;
  }

  static final String VALIDATION = "validation";
  private static final Set<String> CODE_PARAMETERS = Set.of("code", "coding", "codeableConcept");

  @Operation(name = "$batch-validate-code", type = ValueSet.class)
  public Parameters batchValidateCode(RequestDetails request,
      @OperationParam(name = VALIDATION, min = 1) List<Parameters> validations) {
    Parameters body = RequestContent.body(request);
    if (body == null) {
      throw ErrorMapper.invalid("$batch-validate-code needs a Parameters body with validation parameters", VALIDATION);
    }
    if (!request.getParameters().isEmpty()) {
      Set<String> query = new HashSet<>(request.getParameters().keySet());
      query.removeAll(Set.of("_format", "_pretty"));
      if (!query.isEmpty()) {
        throw ErrorMapper.invalid("$batch-validate-code takes its parameters in the POSTed Parameters only, not "
            + String.join(", ", query), query.iterator().next());
      }
    }
    if (body.getParameter().stream().noneMatch(p -> p.getName().equals(VALIDATION))) {
      throw ErrorMapper.invalid("$batch-validate-code needs at least one validation parameter", VALIDATION);
    }
    List<ParametersParameterComponent> shared = body.getParameter().stream()
        .filter(p -> !p.getName().equals(VALIDATION)).toList();
    Parameters out = new Parameters();
    for (ParametersParameterComponent p : body.getParameter()) {
      if (!p.getName().equals(VALIDATION)) {
        continue;
      }
      if (!(p.getResource() instanceof Parameters validation)) {
        throw ErrorMapper.invalid("Each validation parameter of $batch-validate-code must carry a Parameters resource",
            VALIDATION);
      }
      SubRequests.Answer answer = SubRequests.call(request, terminology, RequestTypeEnum.POST, "ValueSet/$validate-code",
          merged(shared, validation));
      out.addParameter().setName(VALIDATION).setResource((Resource) answer.resource());
    }
    return out;
  }

  /**
   * One validation's request: its own parameters, plus each shared one it does not set itself (tx-resources add up).
   * A validation that names no code at all is asked without its unknown parameters, so that it is answered with the
   * missing code (as the ecosystem tests expect) rather than with a misspelt parameter name.
   */
  static Parameters merged(List<ParametersParameterComponent> shared, Parameters validation) {
    Parameters merged = new Parameters();
    Set<String> own = new HashSet<>();
    validation.getParameter().forEach(p -> own.add(p.getName()));
    boolean namesCode = own.stream().anyMatch(CODE_PARAMETERS::contains)
        || shared.stream().anyMatch(p -> CODE_PARAMETERS.contains(p.getName()));
    for (ParametersParameterComponent p : shared) {
      if (p.getName().equals("tx-resource") || !own.contains(p.getName())) {
        merged.addParameter(p.copy());
      }
    }
    for (ParametersParameterComponent p : validation.getParameter()) {
      if (namesCode || OperationPipeline.VALUE_SET_VALIDATE.supported().contains(p.getName())
          || p.getName().equals("tx-resource")) {
        merged.addParameter(p.copy());
      }
    }
    return merged;
  }
}
