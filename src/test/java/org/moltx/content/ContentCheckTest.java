package org.moltx.content;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moltx.model.CodeSystemRelease;

/**
 * Checks the authored content in terminology/*.json against FHIR R4, the official releases and itself. Runs with
 * every build, so content that drifts from the official files cannot be published.
 */
class ContentCheckTest {
  static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  static final String CPT = "http://www.ama-assn.org/go/cpt";
  static final Set<String> OFFICIAL_OR_OURS = Set.of(ICD10CM, CPT, "http://nucc.org/provider-taxonomy",
      "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
      "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets");

  static AuthoredContent content;
  static FhirValidator validator;

  @BeforeAll
  static void load() {
    content = AuthoredContent.get();
    PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(AuthoredContent.FHIR);
    content.resources.values().forEach(r -> {
      if (r instanceof CodeSystem cs) {
        ours.addCodeSystem(cs);
      } else if (r instanceof ValueSet vs) {
        ours.addValueSet(vs);
      }
    });
    ValidationSupportChain chain = new ValidationSupportChain(
        new DefaultProfileValidationSupport(AuthoredContent.FHIR),
        new InMemoryTerminologyServerValidationSupport(AuthoredContent.FHIR),
        new CommonCodeSystemsTerminologyService(AuthoredContent.FHIR),
        ours);
    validator = AuthoredContent.FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  static Stream<String> authoredFiles() {
    return AuthoredContent.get().json.keySet().stream();
  }

  @ParameterizedTest(name = "{0} is valid FHIR R4")
  @MethodSource("authoredFiles")
  void everyAuthoredResourceIsValidFhirR4(String file) {
    ValidationResult result = validator.validateWithResult(content.json.get(file));

    assertThat(errors(result)).as(() -> file + " has errors; all issues:\n" + describe(result)).isEmpty();
  }

  @Test
  void theValidatorReportsAnInvalidResourceAsAnError() {
    String broken = content.json.get("ConceptMap-cpt-related-codes.json").replace("\"narrower\"", "\"kind-of\"");

    ValidationResult result = validator.validateWithResult(broken);

    assertThat(errors(result)).as(() -> describe(result)).isNotEmpty()
        .anySatisfy(m -> assertThat(m.getMessage()).contains("kind-of"));
  }

  /** Errors only: warnings about external code systems the validator cannot load are expected. */
  private static List<SingleValidationMessage> errors(ValidationResult result) {
    return result.getMessages().stream()
        .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
        .toList();
  }

  private static String describe(ValidationResult result) {
    return result.getMessages().stream()
        .map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void theDisplayCheckCoversEveryCodeSystemWeTakeDisplaysFrom() {
    Set<String> checked = content.codeUses().stream()
        .filter(u -> u.display() != null && content.reference.release(u.system()) != null)
        .map(CodeUse::system).collect(Collectors.toCollection(TreeSet::new));

    assertThat(checked).containsExactlyInAnyOrderElementsOf(OFFICIAL_OR_OURS);
  }

  @Test
  void everyDisplayIsTheDisplayOfTheOfficialReleaseOrOfOurCodeSystem() {
    List<String> mismatches = new DisplayChecker(content.reference).mismatches(content.codeUses());

    assertThat(mismatches).as(() -> "displays that differ from the reference:\n" + String.join("\n", mismatches)).isEmpty();
  }

  @Test
  void everyConceptMapSourceAndTargetCodeExistsInItsCodeSystem() {
    List<String> unknown = new ArrayList<>();
    for (CodeUse use : content.codeUses()) {
      if (!(content.resources.get(use.file()) instanceof ConceptMap)) {
        continue;
      }
      CodeSystemRelease release = content.reference.release(use.system());
      if (release == null) {
        unknown.add(use + ": no release of " + use.system() + " is loaded");
      } else if (release.indexOf(use.code()) < 0) {
        unknown.add(use + ": not a code of " + release);
      }
    }

    assertThat(content.reference.release(ICD10CM).version()).as("ICD-10-CM is checked against the newest release")
        .isEqualTo("2027");
    assertThat(unknown).as(() -> String.join("\n", unknown)).isEmpty();
  }

  @Test
  void the81455IndicationsValueSetListsExactlyTheIcd10cmTargetsOf81455() {
    ValueSet vs = content.resource("ValueSet-cpt-81455-indications.json", ValueSet.class);
    Set<String> listed = vs.getCompose().getInclude().stream()
        .filter(i -> ICD10CM.equals(i.getSystem()))
        .flatMap(i -> i.getConcept().stream()).map(ValueSet.ConceptReferenceComponent::getCode)
        .collect(Collectors.toSet());

    assertThat(listed).isNotEmpty().isEqualTo(targets("ConceptMap-cpt-icd10cm-indications.json", ICD10CM, "81455"));
  }

  @Test
  void the81311IndicationsValueSetIncludesExactlyTheTargetsOf81311AndBelow() {
    ValueSet vs = content.resource("ValueSet-cpt-81311-indications.json", ValueSet.class);
    Set<String> roots = new TreeSet<>();
    for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
      assertThat(include.getSystem()).isEqualTo(ICD10CM);
      assertThat(include.getConcept()).as("81311 indications are categories, given by is-a filters").isEmpty();
      for (ValueSet.ConceptSetFilterComponent f : include.getFilter()) {
        assertThat(f.getOp().toCode()).isEqualTo("is-a");
        roots.add(f.getValue());
      }
    }

    assertThat(roots).isNotEmpty().isEqualTo(targets("ConceptMap-cpt-icd10cm-indications.json", ICD10CM, "81311"));
  }

  @Test
  void theGenomicSequencingPanelsValueSetIs81455AndItsRelatedCodes() {
    ValueSet vs = content.resource("ValueSet-cpt-genomic-sequencing-panels.json", ValueSet.class);
    Set<String> listed = vs.getCompose().getInclude().stream()
        .filter(i -> CPT.equals(i.getSystem()))
        .flatMap(i -> i.getConcept().stream()).map(ValueSet.ConceptReferenceComponent::getCode)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = new TreeSet<>(targets("ConceptMap-cpt-related-codes.json", CPT, "81455"));
    expected.add("81455");

    assertThat(listed).isEqualTo(expected);
  }

  /** The target codes in {@code targetSystem} that a ConceptMap gives for a CPT source code. */
  private static Set<String> targets(String file, String targetSystem, String sourceCode) {
    ConceptMap cm = content.resource(file, ConceptMap.class);
    return cm.getGroup().stream()
        .filter(g -> CPT.equals(g.getSource()) && targetSystem.equals(g.getTarget()))
        .flatMap(g -> g.getElement().stream())
        .filter(e -> sourceCode.equals(e.getCode()))
        .flatMap(e -> e.getTarget().stream()).map(ConceptMap.TargetElementComponent::getCode)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
