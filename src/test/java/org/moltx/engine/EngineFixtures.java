package org.moltx.engine;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;
import org.moltx.app.Moltx;
import org.moltx.store.CodeSystemIndexer;
import org.moltx.store.TerminologyStore;

/**
 * Small authored content for the engine tests, built the way the loader builds a store (CodeSystemIndexer, then
 * TerminologyStore), and the embedded default content, loaded once per JVM.
 *
 * <pre>
 * animals 2.0.0 (en, case-sensitive, complete)      animals 1.0.0
 *   A    Animal   (notSelectable)                     A    Animal (notSelectable)
 *     A1   Mammal                                       A1   Mammal
 *       A11  Dog                                          A11  Dog
 *       A12  Cat  (status retired: inactive)              A12  Cat
 *     A2   Bird (status deprecated)                     A2   Bird
 *   B    Plant                                          X    Extinct animal   (gone in 2.0.0)
 *     B1   Tree (designation de: Baum)                  B    Plant
 *                                                          B1   Tree
 * </pre>
 */
final class EngineFixtures {
  static final String ANIMALS = "http://example.org/cs/animals";
  static final String SOUNDS = "http://example.org/cs/sounds";
  static final String COLOURS = "http://example.org/cs/colours";
  static final String FRAGMENT = "http://example.org/cs/fragment";
  static final String LETTERS = "http://example.org/cs/letters";
  static final String ANIMAL_SOUNDS = "http://example.org/cm/animal-sounds";
  static final String MAMMALS_VS = "http://example.org/vs/mammals";
  static final String ANIMALS_VS = "http://example.org/vs/animals";
  static final String ACTIVE_ANIMALS_VS = "http://example.org/vs/active-animals";
  static final String FRAGMENT_LISTED_VS = "http://example.org/vs/fragment-listed";

  static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  static final String CPT = "http://www.ama-assn.org/go/cpt";
  static final String NUCC = "http://nucc.org/provider-taxonomy";

  private EngineFixtures() {}

  // ---- the embedded content ----

  /** Softly held: the test classes that use it share one load, and the memory returns when other tests need it. */
  private static SoftReference<Terminology> embedded = new SoftReference<>(null);

  /**
   * moltx over its embedded content (ICD-10-CM 2026 and 2027, the CPT fragment, NUCC...): loaded once (about 2 s)
   * and shared by the test classes that ask for it in their {@code @BeforeAll}.
   */
  static synchronized Terminology embedded() {
    Terminology t = embedded.get();
    if (t == null) {
      t = Moltx.load();
      embedded = new SoftReference<>(t);
    }
    return t;
  }

  // ---- authored content ----

  /** A fresh store of the authored code systems, value sets and concept map. */
  static TerminologyStore store() {
    TerminologyStore.Builder store = TerminologyStore.builder();
    for (CodeSystem cs : List.of(animals2(), animals1(), sounds(), colours(), fragment(), letters())) {
      store.addCodeSystem(CodeSystemIndexer.toRelease(cs), cs);
    }
    store.addValueSet(valueSet(MAMMALS_VS, isA(include(ANIMALS), "A1")));
    store.addValueSet(valueSet(ANIMALS_VS, isA(include(ANIMALS), "A")));
    ValueSet active = valueSet(ACTIVE_ANIMALS_VS, isA(include(ANIMALS), "A"));
    active.getCompose().setInactive(false);
    store.addValueSet(active);
    store.addValueSet(valueSet(FRAGMENT_LISTED_VS, concepts(include(FRAGMENT), "F1")));
    store.addConceptMap(animalSounds());
    return store.build();
  }

  static CodeSystem animals2() {
    CodeSystem cs = codeSystem(ANIMALS, "2.0.0", CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.setLanguage("en");
    cs.addConcept(concept("A", "Animal").addProperty(notSelectable())
        .addConcept(concept("A1", "Mammal")
            .addConcept(concept("A11", "Dog"))
            .addConcept(concept("A12", "Cat").addProperty(status("retired"))))
        .addConcept(concept("A2", "Bird").addProperty(status("deprecated"))));
    ConceptDefinitionComponent tree = concept("B1", "Tree");
    tree.addDesignation().setLanguage("de").setValue("Baum");
    cs.addConcept(concept("B", "Plant").addConcept(tree));
    return cs;
  }

  static CodeSystem animals1() {
    CodeSystem cs = codeSystem(ANIMALS, "1.0.0", CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.setLanguage("en");
    cs.addConcept(concept("A", "Animal").addProperty(notSelectable())
        .addConcept(concept("A1", "Mammal")
            .addConcept(concept("A11", "Dog"))
            .addConcept(concept("A12", "Cat")))
        .addConcept(concept("A2", "Bird"))
        .addConcept(concept("X", "Extinct animal")));
    cs.addConcept(concept("B", "Plant").addConcept(concept("B1", "Tree")));
    return cs;
  }

  static CodeSystem sounds() {
    CodeSystem cs = codeSystem(SOUNDS, "1", CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.addConcept(concept("woof", "Woof"));
    cs.addConcept(concept("meow", "Meow"));
    cs.addConcept(concept("noise", "Noise"));
    cs.addConcept(concept("purr", "Purr"));
    return cs;
  }

  static CodeSystem colours() {
    CodeSystem cs = codeSystem(COLOURS, "1", CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.addConcept(concept("brown", "Brown"));
    return cs;
  }

  static CodeSystem fragment() {
    CodeSystem cs = codeSystem(FRAGMENT, "1", CodeSystem.CodeSystemContentMode.FRAGMENT);
    cs.addConcept(concept("F1", "First"));
    cs.addConcept(concept("F2", "Second"));
    return cs;
  }

  /** A case-insensitive code system. */
  static CodeSystem letters() {
    CodeSystem cs = codeSystem(LETTERS, "1", CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.setCaseSensitive(false);
    cs.addConcept(concept("Ab", "A b"));
    return cs;
  }

  /**
   * animals to sounds: A11 woof (equivalent), A1 noise (wider, with a comment, and a display unlike the code
   * system's); animals to colours: A11 brown.
   */
  static ConceptMap animalSounds() {
    ConceptMap cm = new ConceptMap();
    cm.setId("animal-sounds");
    cm.setUrl(ANIMAL_SOUNDS).setVersion("1").setName("AnimalSounds").setStatus(PublicationStatus.ACTIVE);
    ConceptMap.ConceptMapGroupComponent sounds = cm.addGroup().setSource(ANIMALS).setTarget(SOUNDS);
    sounds.addElement().setCode("A11").setDisplay("Dog").addTarget().setCode("woof").setDisplay("Woof")
        .setEquivalence(ConceptMapEquivalence.EQUIVALENT);
    sounds.addElement().setCode("A1").setDisplay("Mammal").addTarget().setCode("noise").setDisplay("Some noise")
        .setEquivalence(ConceptMapEquivalence.WIDER).setComment("Mammals make some noise");
    ConceptMap.ConceptMapGroupComponent colours = cm.addGroup().setSource(ANIMALS).setTarget(COLOURS);
    colours.addElement().setCode("A11").setDisplay("Dog").addTarget().setCode("brown").setDisplay("Brown")
        .setEquivalence(ConceptMapEquivalence.RELATEDTO);
    return cm;
  }

  // ---- resource builders ----

  static CodeSystem codeSystem(String url, String version, CodeSystem.CodeSystemContentMode content) {
    CodeSystem cs = new CodeSystem();
    cs.setId(url.substring(url.lastIndexOf('/') + 1) + "-" + version);
    cs.setUrl(url).setVersion(version).setName("Test").setStatus(PublicationStatus.ACTIVE).setContent(content)
        .setCaseSensitive(true).setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
    cs.addProperty().setCode("notSelectable").setUri("http://hl7.org/fhir/concept-properties#notSelectable")
        .setType(CodeSystem.PropertyType.BOOLEAN);
    cs.addProperty().setCode("status").setUri("http://hl7.org/fhir/concept-properties#status")
        .setType(CodeSystem.PropertyType.CODE);
    return cs;
  }

  static ConceptDefinitionComponent concept(String code, String display) {
    return new ConceptDefinitionComponent().setCode(code).setDisplay(display);
  }

  private static CodeSystem.ConceptPropertyComponent notSelectable() {
    return new CodeSystem.ConceptPropertyComponent().setCode("notSelectable").setValue(new BooleanType(true));
  }

  private static CodeSystem.ConceptPropertyComponent status(String status) {
    return new CodeSystem.ConceptPropertyComponent().setCode("status").setValue(new CodeType(status));
  }

  /** A value set url|1 of the given includes. */
  static ValueSet valueSet(String url, ConceptSetComponent... includes) {
    ValueSet vs = new ValueSet();
    vs.setId(url.substring(url.lastIndexOf('/') + 1));
    vs.setUrl(url).setVersion("1").setName("Test").setStatus(PublicationStatus.ACTIVE);
    for (ConceptSetComponent include : includes) {
      vs.getCompose().addInclude(include);
    }
    return vs;
  }

  static ConceptSetComponent include(String system) {
    return new ConceptSetComponent().setSystem(system);
  }

  /** The include with the listed codes (no displays). */
  static ConceptSetComponent concepts(ConceptSetComponent include, String... codes) {
    for (String code : codes) {
      include.addConcept().setCode(code);
    }
    return include;
  }

  static ConceptSetComponent isA(ConceptSetComponent include, String code) {
    return filter(include, "concept", FilterOperator.ISA, code);
  }

  static ConceptSetComponent filter(ConceptSetComponent include, String property, FilterOperator op, String value) {
    include.addFilter().setProperty(property).setOp(op).setValue(value);
    return include;
  }

  // ---- requests ----

  /** A coding as the coding parameter carries it (issue expressions Coding.code, Coding.display...). */
  static CodedInput coding(String system, String version, String code, String display) {
    return new CodedInput(system, version, code, display, "Coding");
  }

  /** CodeSystem/$validate-code of one coding: abstract codes allowed, strict displays, no display language. */
  static ValidateRequest inCodeSystem(CodedInput in, VersionPolicy versions) {
    return new ValidateRequest(null, List.of(in), false, true, false, false, null, versions);
  }

  /** ValueSet/$validate-code of one coding: abstract codes allowed, strict displays, no display language. */
  static ValidateRequest inValueSet(ValueSet vs, CodedInput in, VersionPolicy versions) {
    return new ValidateRequest(vs, List.of(in), false, true, false, false, null, versions);
  }

  /** default-to-latest-version=true, and no other rule. */
  static VersionPolicy latest() {
    return VersionPolicy.NONE.withLatestForUnknown(true);
  }

  static VersionPolicy policy(Map<String, String> defaults, Map<String, String> check, Map<String, String> force) {
    return new VersionPolicy(defaults, check, force);
  }

  // ---- issues ----

  static ValidationIssue error(String type, String txType, String text, String expression) {
    return issue("error", type, txType, text, expression, true);
  }

  static ValidationIssue warning(String type, String txType, String text, String expression) {
    return issue("warning", type, txType, text, expression, true);
  }

  static ValidationIssue information(String type, String txType, String text, String expression) {
    return issue("information", type, txType, text, expression, true);
  }

  /** An expected finding, with the message id the HL7 ecosystem gives a finding of that kind and wording. */
  static ValidationIssue issue(String severity, String type, String txType, String text, String expression,
      boolean inMessage) {
    return new ValidationIssue(severity, type, txType, text, expression, inMessage, idFor(txType, text));
  }

  /** tx-issue-type, a phrase of the text (null: any), the ecosystem's id; the first match wins. */
  private record Rule(String txType, String phrase, String id) {}

  /**
   * The ecosystem's message ids by tx-issue-type and wording: an oracle independent of where the engine sets them
   * (the table the server matched texts against before findings carried their ids).
   */
  private static final List<Rule> RULES = List.of(
      new Rule("not-in-vs", "No valid coding was found", "TX_GENERAL_CC_ERROR_MESSAGE"),
      new Rule("not-in-vs", null, "None_of_the_provided_codes_are_in_the_value_set_one"),
      new Rule("this-code-not-in-vs", null, "None_of_the_provided_codes_are_in_the_value_set_one"),
      new Rule("invalid-code", "labeled as a fragment", "UNKNOWN_CODE_IN_FRAGMENT"),
      new Rule("invalid-code", "Unknown code", "Unknown_Code_in_Version"),
      new Rule("cannot-infer", "multiple matches", "Unable_to_resolve_system__value_set_has_multiple_matches"),
      new Rule("cannot-infer", null, "UNABLE_TO_INFER_CODESYSTEM"),
      new Rule("code-comment", "The presence of the concept", "CONCEPT_DEPRECATED_IN_VALUESET"),
      new Rule("code-comment", "is deprecated and its use", "DEPRECATED_CONCEPT_FOUND"),
      new Rule("code-comment", "has a status of", "INACTIVE_CONCEPT_FOUND"),
      new Rule("code-rule", "is abstract", "ABSTRACT_CODE_NOT_ALLOWED"),
      new Rule("code-rule", "differs from the correct code", "CODE_CASE_DIFFERENCE"),
      new Rule("code-rule", "is valid but is not active", "STATUS_CODE_WARNING_CODE"),
      new Rule("display-comment", "no longer considered a correct display", "INACTIVE_DISPLAY_FOUND"),
      new Rule("invalid-data", "is a supplement", "CODESYSTEM_CS_NO_SUPPLEMENT"),
      new Rule("invalid-data", "Coding has no system", "Coding_has_no_system__cannot_validate"),
      new Rule("invalid-data", "must be an absolute reference", "Terminology_TX_System_Relative"),
      new Rule("invalid-data", "references a value set", "Terminology_TX_System_ValueSet2"),
      new Rule("invalid-display", "Wrong whitespace", "Display_Name_WS_for__should_be_one_of__instead_of"),
      new Rule("invalid-display", "Default display is", "NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR"),
      new Rule("invalid-display", "Wrong Display Name", "Display_Name_for__should_be_one_of__instead_of"),
      new Rule("invalid-display", "There are no valid display names found", "NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK"),
      new Rule("invalid-display", "Invalid displayLanguage", "INVALID_DISPLAY_NAME"),
      new Rule("not-found", "Required supplement not found", "VALUESET_SUPPLEMENT_MISSING"),
      new Rule("not-found", "A definition for the value Set", "Unable_to_resolve_value_Set_"),
      new Rule("not-found", "Unable to find included value set", "VS_EXP_IMPORT_UNK_PINNED"),
      new Rule("not-found", "No versions of this code system are known", "UNKNOWN_CODESYSTEM_VERSION_NONE"),
      new Rule("not-found", "so the value set cannot be expanded", "UNKNOWN_CODESYSTEM_VERSION_EXP"),
      new Rule("not-found", "' version '", "UNKNOWN_CODESYSTEM_VERSION"),
      new Rule("not-found", "A definition for CodeSystem", "UNKNOWN_CODESYSTEM"),
      new Rule("status-check", "Reference to deprecated", "MSG_DEPRECATED"),
      new Rule("status-check", "Reference to draft", "MSG_DRAFT"),
      new Rule("status-check", "Reference to experimental", "MSG_EXPERIMENTAL"),
      new Rule("status-check", "Reference to withdrawn", "MSG_WITHDRAWN"),
      new Rule("version-error", null, "VALUESET_VERSION_CHECK"),
      new Rule("vs-invalid", "has no value", "UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE"),
      new Rule("vs-invalid", "circularity", "VALUESET_CIRCULAR_REFERENCE"),
      new Rule("vs-invalid", "resulting from the version", "VALUESET_VALUE_MISMATCH_CHANGED"),
      new Rule("vs-invalid", "for the versionless include", "VALUESET_VALUE_MISMATCH_DEFAULT"),
      new Rule("vs-invalid", "in the ValueSet include is different", "VALUESET_VALUE_MISMATCH"),
      new Rule("too-costly", null, "VALUESET_TOO_COSTLY"));

  static MessageId idFor(String txType, String text) {
    for (Rule r : RULES) {
      if (r.txType().equals(txType) && (r.phrase() == null || text != null && text.contains(r.phrase()))) {
        for (MessageId id : MessageId.values()) {
          if (id.id().equals(r.id()) && id.txType().equals(txType)) {
            return id;
          }
        }
        for (MessageId id : MessageId.values()) {
          if (id.id().equals(r.id())) {
            return id;
          }
        }
      }
    }
    return null;
  }

  /** The exception the call throws, failing when it throws none or another kind. */
  static TerminologyException thrown(Supplier<?> call) {
    try {
      Object answer = call.get();
      throw new AssertionError("expected a TerminologyException, got " + answer);
    } catch (TerminologyException e) {
      return e;
    }
  }

  /** A TerminologyException's problem, element and message, as one comparable value. */
  record Failure(Problem problem, String element, String message) {
    static Failure of(TerminologyException e) {
      return new Failure(e.problem(), e.element(), e.getMessage());
    }
  }

  static Failure failure(Supplier<?> call) {
    return Failure.of(thrown(call));
  }
}
