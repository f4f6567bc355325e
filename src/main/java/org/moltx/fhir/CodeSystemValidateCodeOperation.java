package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.moltx.engine.CodedInput;
import org.moltx.engine.Supplements;
import org.moltx.engine.Terminology;
import org.moltx.engine.ValidateRequest;
import org.moltx.engine.VersionPolicy;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/** CodeSystem/$validate-code, type and instance level: is the code in the code system, with this display? */
public final class CodeSystemValidateCodeOperation {
  static final Set<String> ACCEPTED = Set.of("url", "codeSystem", "code", "version", "display", "coding",
      "codeableConcept", "date", "abstract", "displayLanguage", "lenient-display-validation", "useSupplement", "system",
      "mode", "default-to-latest-version", "system-version", "check-system-version", "force-system-version");

  private final Terminology terminology;

  public CodeSystemValidateCodeOperation(Terminology terminology) {
    this.terminology = terminology;
  }

  @Operation(name = "$validate-code", type = CodeSystem.class, idempotent = true)
  public Parameters validateCode(
      RequestDetails request,
      @IdParam(optional = true) IdType id,
      @OperationParam(name = "url", max = 1, typeName = "uri") UriType url,
      @OperationParam(name = "codeSystem", max = 1) CodeSystem codeSystem,
      @OperationParam(name = "code", max = 1) CodeType code,
      @OperationParam(name = "version", max = 1) StringType version,
      @OperationParam(name = "display", max = 1) StringType display,
      @OperationParam(name = "coding", max = 1) Coding coding,
      @OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
      @OperationParam(name = "abstract", max = 1) BooleanType isAbstract,
      @OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
      @OperationParam(name = "lenient-display-validation", max = 1) BooleanType lenient) {
    RequestParameters.requireKnown(request, ACCEPTED, "$validate-code");
    TerminologyStore store = RequestContent.store(request, terminology);
    String system = OperationInput.string(request, "url");
    if (system == null) {
      system = OperationInput.string(request, "system");
    }
    if (codeSystem != null) {
      store = RequestContent.withResources(store, List.of(codeSystem));
      system = codeSystem.getUrl();
    }
    if (id != null && id.hasIdPart()) {
      StoredCodeSystem byId = store.codeSystemById(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
      system = byId.release().url();
    }
    store = Supplements.apply(store, OperationInput.strings(request, "useSupplement"), null).store();
    List<CodedInput> inputs = CodedInputs.of(Values.string(code), system, Values.string(version), Values.string(display),
        coding, codeableConcept);
    if (inputs.get(0).system() == null) {
      throw ErrorMapper.invalid("No code system given: supply url (or coding.system)", "url");
    }
    ValidateRequest req = request(inputs, codeableConcept != null, Values.bool(isAbstract, true),
        ValueSetValidateCodeOperation.lenientDisplay(request, lenient), Values.displayLanguage(request, displayLanguage),
        ExpandOperation.versionPolicy(request));
    return ParametersRenderer.validation(terminology.validate(store, req), codeableConcept);
  }

  /** The engine request for a code system check; the fast path builds its requests here too, so both agree. */
  static ValidateRequest request(List<CodedInput> inputs, boolean codeableConcept, boolean abstractAllowed,
      boolean lenientDisplay, String displayLanguage, VersionPolicy versions) {
    return new ValidateRequest(null, inputs, codeableConcept, abstractAllowed, false, lenientDisplay, displayLanguage,
        versions);
  }
}
