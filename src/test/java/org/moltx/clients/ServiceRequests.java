package org.moltx.clients;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/** The three ServiceRequests of the real-client tests, and the validator findings about their codes. */
final class ServiceRequests {
  static final String CPT = "http://www.ama-assn.org/go/cpt";
  static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  static final String C92_10 = "Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission";
  static final String SEED_LABEL_C92_41 = "Chronic lymphocytic leukemia of B-cell, not in remission";
  static final String C92_41 = "Acute promyelocytic leukemia, in remission";

  private ServiceRequests() {}

  /** CPT 81455 for C92.10 with its official display: valid. */
  static ServiceRequest valid() {
    return order("C92.10", C92_10);
  }

  /** C92.41 with the seed's wrong label: a display issue. */
  static ServiceRequest wrongDisplay() {
    return order("C92.41", SEED_LABEL_C92_41);
  }

  /** A code ICD-10-CM does not have: an error. */
  static ServiceRequest unknownCode() {
    return order("C92.99", null);
  }

  static ServiceRequest order(String reason, String reasonDisplay) {
    ServiceRequest sr = new ServiceRequest();
    sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    sr.setSubject(new Reference().setDisplay("Test patient"));
    sr.setCode(new CodeableConcept(new Coding(CPT, "81455", null)));
    sr.addReasonCode(new CodeableConcept(new Coding(ICD10CM, reason, reasonDisplay)));
    return sr;
  }

  /** A FhirValidator over a validation support chain. */
  static FhirValidator validator(FhirContext fhir, IValidationSupport chain) {
    FhirValidator validator = fhir.newValidator();
    validator.registerValidatorModule(new FhirInstanceValidator(chain));
    return validator;
  }

  /**
   * The validator's findings about ServiceRequest.code and ServiceRequest.reasonCode (warnings and errors), as
   * "severity @ location: message"; the best-practice warning about narrative is left out.
   */
  static List<String> codeFindings(FhirValidator validator, ServiceRequest sr) {
    ValidationResult result = validator.validateWithResult(sr);
    return result.getMessages().stream()
        .filter(m -> m.getLocationString() != null
            && (m.getLocationString().contains("reasonCode") || m.getLocationString().contains("ServiceRequest.code")))
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal())
        .map(ServiceRequests::describe).toList();
  }

  /** The findings for the three ServiceRequests, in order: valid, wrong display, unknown code. */
  static List<List<String>> verdicts(FhirValidator validator) {
    return List.of(codeFindings(validator, valid()), codeFindings(validator, wrongDisplay()),
        codeFindings(validator, unknownCode()));
  }

  static String describe(SingleValidationMessage m) {
    return m.getSeverity().getCode() + " @ " + m.getLocationString() + ": " + m.getMessage();
  }
}
