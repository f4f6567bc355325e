package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.Supplements;
import org.moltx.engine.Terminology;
import org.moltx.engine.ValidateRequest;
import org.moltx.engine.ValidateResult;
import org.moltx.store.TerminologyStore;

/** ValueSet/$validate-code, type and instance level, GET and POST. */
public final class ValueSetValidateCodeOperation {
  static final Set<String> ACCEPTED = Set.of("url", "valueSet", "valueSetVersion", "code", "system",
      "systemVersion", "version", "display", "coding", "codeableConcept", "date", "abstract", "displayLanguage",
      "inferSystem", "activeOnly", "lenient-display-validation", "valueset-membership-only", "useSupplement",
      "default-valueset-version", "system-version", "check-system-version", "force-system-version", "mode",
      "default-to-latest-version");
  static final java.util.Map<String, String> UNSUPPORTED = java.util.Map.of("context", ExpandOperation.IN_CONTEXT);

  private final Terminology terminology;

  public ValueSetValidateCodeOperation(Terminology terminology) {
    this.terminology = terminology;
  }

  @Operation(name = "$validate-code", type = ValueSet.class, idempotent = true)
  public Parameters validateCode(
      RequestDetails request,
      @IdParam(optional = true) IdType id,
      @OperationParam(name = "url", max = 1, typeName = "uri") UriType url,
      @OperationParam(name = "valueSet", max = 1) ValueSet valueSet,
      @OperationParam(name = "valueSetVersion", max = 1) StringType valueSetVersion,
      @OperationParam(name = "code", max = 1) CodeType code,
      @OperationParam(name = "system", max = 1, typeName = "uri") UriType system,
      @OperationParam(name = "systemVersion", max = 1) StringType systemVersion,
      @OperationParam(name = "display", max = 1) StringType display,
      @OperationParam(name = "coding", max = 1) Coding coding,
      @OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
      @OperationParam(name = "abstract", max = 1) BooleanType isAbstract,
      @OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
      @OperationParam(name = "inferSystem", max = 1) BooleanType inferSystem,
      @OperationParam(name = "lenient-display-validation", max = 1) BooleanType lenient) {
    RequestParameters.refuseUnsupported(request, UNSUPPORTED, "$validate-code");
    RequestParameters.requireKnown(request, ACCEPTED, "$validate-code");
    TerminologyStore content = RequestContent.store(request, terminology);
    ValueSet target = ExpandOperation.target(content, id, valueSet, OperationInput.string(request, "url"),
        Values.string(valueSetVersion));
    TerminologyStore store = Supplements.apply(content, OperationInput.strings(request, "useSupplement"), target).store();
    if (Values.bool(OperationInput.string(request, "activeOnly"), false)) {
      // activeOnly: the value set without its inactive concepts
      target = target.copy();
      target.getCompose().setInactive(false);
    }
    String version = OperationInput.string(request, "systemVersion");
    ValidateRequest req = new ValidateRequest(target,
        CodedInputs.of(Values.string(code), OperationInput.string(request, "system"),
            version != null ? version : OperationInput.string(request, "version"), Values.string(display), coding,
            codeableConcept),
        codeableConcept != null, Values.bool(isAbstract, true), Values.bool(inferSystem, false),
        lenientDisplay(request, lenient),
        ExpandOperation.displayLanguage(request, displayLanguage, target), ExpandOperation.versionPolicy(request));
    ValidateResult result = terminology.validate(store, req);
    if (Values.bool(OperationInput.string(request, "valueset-membership-only"), false)) {
      result = result.membershipOnly();
    }
    return ParametersRenderer.validation(result, codeableConcept);
  }

  /**
   * lenient-display-validation, or mode=lenient-display-validation (the HL7 validator sends both forms): a wrong
   * display is a warning, not an error. No other mode is defined.
   */
  static boolean lenientDisplay(RequestDetails request, BooleanType lenient) {
    String mode = OperationInput.string(request, "mode");
    if (mode != null && !mode.equals("lenient-display-validation")) {
      throw ErrorMapper.invalid("The parameter mode must be 'lenient-display-validation', not '" + mode + "'", "mode");
    }
    return mode != null || Values.bool(lenient, false);
  }
}
