package org.moltx.clients;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.validation.FhirValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.RemoteTerminologyServiceValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moltx.Answers;
import org.moltx.TestServer;

/**
 * HAPI's FhirValidator with moltx as its remote terminology server, as HAPI-based interface engines call us:
 * RemoteTerminologyServiceValidationSupport finds ICD-10-CM by CodeSystem?url= (without concepts, content
 * not-present, so the in-memory support passes) and validates each code with CodeSystem/$validate-code.
 */
class RemoteValidationTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
  static final Path CASES = Path.of("conformance", "validator", "cases");
  private static RemoteTerminologyServiceValidationSupport remote;
  private static ValidationSupportChain chain;
  private static FhirValidator validator;

  /** The chain an interface engine would build: HAPI's own supports, then moltx over HTTP. */
  static ValidationSupportChain remoteChain(FhirContext fhir, RemoteTerminologyServiceValidationSupport remote) {
    return new ValidationSupportChain(
        new DefaultProfileValidationSupport(fhir),
        new CommonCodeSystemsTerminologyService(fhir),
        new InMemoryTerminologyServerValidationSupport(fhir),
        remote);
  }

  static RemoteTerminologyServiceValidationSupport remoteSupport(FhirContext fhir) {
    RemoteTerminologyServiceValidationSupport support =
        new RemoteTerminologyServiceValidationSupport(fhir, TestServer.fhirBase());
    support.addClientInterceptor(new IClientInterceptor() {
      @Override
      public void interceptRequest(IHttpRequest request) {
        REQUESTS.add(request.getHttpVerbName() + " " + request.getUri().replace(TestServer.fhirBase(), ""));
      }

      @Override
      public void interceptResponse(IHttpResponse response) {
        // only the requests matter
      }
    });
    return support;
  }

  @BeforeAll
  static void chain() {
    remote = remoteSupport(FHIR);
    chain = remoteChain(FHIR, remote);
    validator = ServiceRequests.validator(FHIR, chain);
  }

  @Test
  void validCodesRaiseNoFinding() {
    REQUESTS.clear();
    assertThat(ServiceRequests.codeFindings(validator, ServiceRequests.valid())).isEmpty();
    assertThat(REQUESTS).contains("POST /CodeSystem/$validate-code");
  }

  @Test
  void theSeedsWrongLabelIsADisplayErrorNamingTheRightDisplay() {
    assertThat(ServiceRequests.codeFindings(validator, ServiceRequests.wrongDisplay())).singleElement()
        .satisfies(f -> assertThat(f).startsWith("error @ ServiceRequest.reasonCode[0]: Wrong Display Name '"
            + ServiceRequests.SEED_LABEL_C92_41 + "' for http://hl7.org/fhir/sid/icd-10-cm#C92.41")
            .contains("Valid display is '" + ServiceRequests.C92_41 + "'"));
  }

  @Test
  void anUnknownCodeIsAnError() {
    assertThat(ServiceRequests.codeFindings(validator, ServiceRequests.unknownCode())).containsExactly(
        "error @ ServiceRequest.reasonCode[0]: Unknown code 'C92.99' in the CodeSystem "
            + "'http://hl7.org/fhir/sid/icd-10-cm' version '2027'");
  }

  @Test
  void icd10cmIsFoundWithoutDownloadingItsConcepts() {
    ValidationSupportContext context = new ValidationSupportContext(chain);
    assertThat(remote.isCodeSystemSupported(context, ServiceRequests.ICD10CM)).isTrue();
    org.hl7.fhir.r4.model.CodeSystem cs = (org.hl7.fhir.r4.model.CodeSystem) remote.fetchCodeSystem(ServiceRequests.ICD10CM);
    assertThat(cs.getConcept()).isEmpty();
    assertThat(cs.getContent()).isEqualTo(org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode.NOTPRESENT);
    assertThat(cs.getCount()).isGreaterThan(90_000);
    assertThat(new InMemoryTerminologyServerValidationSupport(FHIR).isCodeSystemSupported(context,
        ServiceRequests.ICD10CM)).isFalse();
  }

  /** The cases the HL7 validator check uses (conformance/validator): HAPI's verdicts, one file each. */
  static Stream<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  /**
   * Each resource of the HL7 validator's case set, validated by HAPI's FhirValidator through moltx, gets the findings
   * in conformance/validator/expected-hapi (warnings and errors, the narrative best practice left out). They differ
   * from the HL7 validator's where HAPI 8.8.0's client does (docs/using-as-a-module.md): it drops Coding.version, so
   * a version-specific code is judged against the newest release; it keeps no issue of a result=true answer, so a
   * CPT display or fragment warning is not shown. After a deliberate change:
   * {@code mvn test -Dtest=RemoteValidationTest -Dmoltx.updateExpected=true}, then review the diff.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCaseIsJudgedAsExpected(Path file) throws IOException {
    REQUESTS.clear();
    org.hl7.fhir.instance.model.api.IBaseResource resource = FHIR.newJsonParser().parseResource(Files.readString(file));
    String findings = validator.validateWithResult(resource).getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ca.uhn.fhir.validation.ResultSeverityEnum.WARNING.ordinal())
        .filter(m -> !m.getMessage().contains("dom-6"))
        .map(ServiceRequests::describe).sorted().map(line -> line + "\n").collect(Collectors.joining());
    Path expected = CASES.resolveSibling("expected-hapi").resolve(file.getFileName().toString().replace(".json", ".txt"));
    if (Boolean.getBoolean("moltx.updateExpected")) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, findings);
    }
    assertThat(findings).isEqualTo(Files.readString(expected));
  }

  /** HAPI first searches CodeSystem?url= by the OID; moltx answers with ICD-10-CM, so HAPI goes on to validate. */
  @Test
  void aCodeSystemNamedByItsOidIsFoundAndItsCodesValidated() {
    REQUESTS.clear();
    ValidationSupportContext context = new ValidationSupportContext(chain);
    assertThat(remote.isCodeSystemSupported(context, "urn:oid:2.16.840.1.113883.6.90")).isTrue();
    CodeValidationResult result = remote.validateCode(context, new ConceptValidationOptions(),
        "urn:oid:2.16.840.1.113883.6.90", "J45.909", "Unspecified asthma, uncomplicated", null);
    assertThat(result.isOk()).as(result.getMessage()).isTrue();
    assertThat(result.getDisplay()).isEqualTo("Unspecified asthma, uncomplicated");
    assertThat(REQUESTS).containsExactly("GET /CodeSystem?url=urn%3Aoid%3A2.16.840.1.113883.6.90",
        "POST /CodeSystem/$validate-code");
  }

  /**
   * On the wire a CPT display mismatch is result true with a warning issue (CPT displays are paraphrases). HAPI's
   * remote support keeps the issues of a false result only, so a FhirValidator does not show this warning; moltx in
   * process does (InProcessValidationTest).
   */
  @Test
  void aCptDisplayMismatchIsAWarningOnTheWire() throws Exception {
    java.net.http.HttpResponse<String> r = TestServer.get("/CodeSystem/$validate-code?url=" + ServiceRequests.CPT
        + "&code=81455&display=Hematolymphoid%20neoplasm%20panel");
    assertThat(r.statusCode()).isEqualTo(200);
    String display = "Genomic sequencing panel, solid organ or hematolymphoid neoplasm or disorder, 51 or more genes; "
        + "DNA, or combined DNA and RNA, analysis";
    String wrong = "Wrong Display Name 'Hematolymphoid neoplasm panel' for " + ServiceRequests.CPT + "#81455. Valid "
        + "display is '" + display + "' (for the language(s) '--')";
    assertThat(Answers.lines(r.body())).containsExactly(
        "code=81455",
        "display=" + display,
        "issues=OperationOutcome",
        "  warning invalid/invalid-display: " + wrong + " @ display {Display_Name_for__should_be_one_of__instead_of}",
        "message=" + wrong,
        "result=true",
        "system=" + ServiceRequests.CPT,
        "version=2026");
    CodeValidationResult viaHapi = remote.validateCode(new ValidationSupportContext(chain),
        new ConceptValidationOptions(), ServiceRequests.CPT, "81455", "Hematolymphoid neoplasm panel", null);
    assertThat(viaHapi.isOk()).isTrue();
    assertThat(viaHapi.getIssues()).isEmpty();
  }
}
