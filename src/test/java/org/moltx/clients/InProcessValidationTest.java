package org.moltx.clients;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.LookupCodeResult;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.RemoteTerminologyServiceValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moltx.app.Moltx;
import org.moltx.engine.Terminology;
import org.moltx.hapi.MoltxValidationSupport;

/** moltx in process in a HAPI ValidationSupportChain: the same verdicts as the remote path, without HTTP. */
class InProcessValidationTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static MoltxValidationSupport moltx;
  private static ValidationSupportChain chain;
  private static FhirValidator validator;

  @BeforeAll
  static void chain() {
    // the snippet of docs/using-as-a-module.md
    Terminology terminology = Moltx.load();
    MoltxValidationSupport support = new MoltxValidationSupport(FHIR, terminology);
    ValidationSupportChain validationChain = new ValidationSupportChain(
        new DefaultProfileValidationSupport(FHIR),
        new CommonCodeSystemsTerminologyService(FHIR),
        new InMemoryTerminologyServerValidationSupport(FHIR),
        support);
    FhirValidator fhirValidator = FHIR.newValidator();
    fhirValidator.registerValidatorModule(
        new org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator(validationChain));
    moltx = support;
    chain = validationChain;
    validator = fhirValidator;
  }

  @Test
  void sameVerdictsAsTheRemotePath() {
    RemoteTerminologyServiceValidationSupport remote = RemoteValidationTest.remoteSupport(FHIR);
    FhirValidator remoteValidator = ServiceRequests.validator(FHIR, RemoteValidationTest.remoteChain(FHIR, remote));
    List<List<String>> inProcess = ServiceRequests.verdicts(validator);
    assertThat(inProcess).isEqualTo(ServiceRequests.verdicts(remoteValidator));
    assertThat(inProcess.get(0)).isEmpty();
    assertThat(inProcess.get(1)).singleElement().asString().startsWith("error @ ServiceRequest.reasonCode[0]: Wrong Display")
        .contains("Valid display is '" + ServiceRequests.C92_41 + "'");
    assertThat(inProcess.get(2)).singleElement().asString()
        .startsWith("error @ ServiceRequest.reasonCode[0]: Unknown code 'C92.99'");
  }

  @Test
  void sameCodeValidationResultsAsTheRemoteSupport() {
    RemoteTerminologyServiceValidationSupport remote = RemoteValidationTest.remoteSupport(FHIR);
    ValidationSupportContext context = new ValidationSupportContext(chain);
    String[][] cases = {
        {ServiceRequests.ICD10CM, "C92.10", ServiceRequests.C92_10, null},
        {ServiceRequests.ICD10CM, "C92.41", ServiceRequests.SEED_LABEL_C92_41, null},
        {ServiceRequests.ICD10CM, "C92.99", null, null},
        {ServiceRequests.ICD10CM, "C9210", null, null},
        {ServiceRequests.CPT, "81455", "Hematolymphoid neoplasm panel", null},
        {ServiceRequests.ICD10CM, "C92.41", null, "http://moltx.org/fhir/ValueSet/cpt-81455-indications"},
        {ServiceRequests.ICD10CM, "A00.0", null, "http://moltx.org/fhir/ValueSet/cpt-81455-indications"},
    };
    for (String[] c : cases) {
      CodeValidationResult local = moltx.validateCode(context, new ConceptValidationOptions(), c[0], c[1], c[2], c[3]);
      CodeValidationResult wire = remote.validateCode(context, new ConceptValidationOptions(), c[0], c[1], c[2], c[3]);
      String what = String.join(" ", java.util.Arrays.stream(c).map(String::valueOf).toList());
      assertThat(local.isOk()).as(what).isEqualTo(wire.isOk());
      assertThat(local.getCode()).as(what).isEqualTo(wire.getCode());
      assertThat(local.getDisplay()).as(what).isEqualTo(wire.getDisplay());
      assertThat(local.getCodeSystemVersion()).as(what).isEqualTo(wire.getCodeSystemVersion());
      if (!wire.isOk()) {
        // HAPI's remote support keeps the issues of a false result only (a valid CPT code with a paraphrased
        // display keeps its warning in process: aCptDisplayMismatchIsAWarning)
        assertThat(issues(local)).as(what).isEqualTo(issues(wire));
        assertThat(local.getSeverity()).as(what).isEqualTo(wire.getSeverity());
        // the remote support wraps the server's message: 'Unknown code "s#c". The Remote Terminology server ... returned'
        assertThat(wire.getMessage()).as(what).endsWith(" returned " + local.getMessage());
      }
    }
  }

  /** A wrong CPT display is a warning; the code is valid. */
  @Test
  void aCptDisplayMismatchIsAWarning() {
    CodeValidationResult r = moltx.validateCode(new ValidationSupportContext(chain), new ConceptValidationOptions(),
        ServiceRequests.CPT, "81455", "Hematolymphoid neoplasm panel", null);
    assertThat(r.isOk()).isTrue();
    assertThat(r.getSeverity()).isEqualTo(IValidationSupport.IssueSeverity.WARNING);
    assertThat(r.getMessage()).startsWith("Wrong Display Name 'Hematolymphoid neoplasm panel' for "
        + "http://www.ama-assn.org/go/cpt#81455");

    // moltx ahead of the in-memory support, so that it answers for CPT: the validator reports the warning
    FhirValidator first = ServiceRequests.validator(FHIR, new ValidationSupportChain(
        new DefaultProfileValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR), moltx,
        new InMemoryTerminologyServerValidationSupport(FHIR)));
    ServiceRequest sr = ServiceRequests.valid();
    sr.getCode().getCodingFirstRep().setDisplay("Hematolymphoid neoplasm panel");
    assertThat(ServiceRequests.codeFindings(first, sr)).singleElement().asString()
        .startsWith("warning @ ServiceRequest.code: Wrong Display Name 'Hematolymphoid neoplasm panel'");
  }

  @Test
  void lookupAndSupport() {
    ValidationSupportContext context = new ValidationSupportContext(chain);
    LookupCodeResult found = moltx.lookupCode(context, new LookupCodeRequest(ServiceRequests.ICD10CM, "C92.41"));
    assertThat(found.isFound()).isTrue();
    assertThat(found.getCodeDisplay()).isEqualTo(ServiceRequests.C92_41);
    assertThat(found.getCodeSystemVersion()).isEqualTo("2027");
    assertThat(found.getProperties()).anySatisfy(p -> assertThat(p.getPropertyName()).isEqualTo("parent"));
    LookupCodeResult missing = moltx.lookupCode(context, new LookupCodeRequest(ServiceRequests.ICD10CM, "C92.99"));
    assertThat(missing.isFound()).isFalse();
    assertThat(missing.getErrorMessage()).contains("Unknown code 'C92.99'");
    assertThat(moltx.lookupCode(context, new LookupCodeRequest("http://loinc.org", "1234-5"))).isNull();

    assertThat(moltx.isCodeSystemSupported(context, ServiceRequests.ICD10CM)).isTrue();
    assertThat(moltx.isCodeSystemSupported(context, "urn:oid:2.16.840.1.113883.6.90")).isTrue();
    assertThat(moltx.isCodeSystemSupported(context, "http://loinc.org")).isFalse();
    assertThat(moltx.validateCode(context, new ConceptValidationOptions(), "http://loinc.org", "1234-5", null, null)).isNull();
    assertThat(moltx.isValueSetSupported(context, "http://moltx.org/fhir/ValueSet/cpt-81455-indications")).isTrue();
    assertThat(moltx.isValueSetSupported(context, "http://hl7.org/fhir/ValueSet/administrative-gender")).isFalse();

    CodeSystem icd = (CodeSystem) moltx.fetchCodeSystem(ServiceRequests.ICD10CM);
    assertThat(icd.getConcept()).isEmpty();
    assertThat(icd.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.NOTPRESENT);
    assertThat(icd.getVersion()).isEqualTo("2027");
    assertThat(((CodeSystem) moltx.fetchCodeSystem(ServiceRequests.ICD10CM + "|2026")).getVersion()).isEqualTo("2026");
    CodeSystem cpt = (CodeSystem) moltx.fetchCodeSystem(ServiceRequests.CPT);
    assertThat(cpt.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).contains("81455");
    ValueSet vs = (ValueSet) moltx.fetchValueSet("http://moltx.org/fhir/ValueSet/cpt-81455-indications");
    assertThat(vs.getCompose().getIncludeFirstRep().getSystem()).isEqualTo(ServiceRequests.ICD10CM);

    CodeValidationResult inVs = moltx.validateCodeInValueSet(context, new ConceptValidationOptions(),
        ServiceRequests.ICD10CM, "C92.41", null, vs);
    assertThat(inVs.isOk()).isTrue();
    CodeValidationResult notInVs = moltx.validateCodeInValueSet(context, new ConceptValidationOptions(),
        ServiceRequests.ICD10CM, "A00.0", null, vs);
    assertThat(notInVs.isOk()).isFalse();
    assertThat(notInVs.getMessage()).contains("was not found in the value set");
  }

  /** Severity, issue type, tx-issue-type and text of each issue. */
  private static List<String> issues(CodeValidationResult r) {
    return r.getIssues().stream().map(i -> i.getSeverity() + " " + i.getType().getCode() + " "
        + i.getDetails().getCodings().stream().map(c -> c.getCode()).toList() + " " + i.getDetails().getText()).toList();
  }
}
