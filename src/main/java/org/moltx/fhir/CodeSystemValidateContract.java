package org.moltx.fhir;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.moltx.engine.CodedInput;
import org.moltx.engine.Supplements;
import org.moltx.engine.Terminology;
import org.moltx.engine.ValidateRequest;
import org.moltx.engine.ValidateResult;
import org.moltx.engine.VersionPolicy;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/** CodeSystem/$validate-code, type and instance level: is the code in the code system, with this display? */
final class CodeSystemValidateContract extends OperationContract {
  CodeSystemValidateContract() {
    super("CodeSystem", "$validate-code", List.of(param("url"), param("system"), param("codeSystem", Kind.RESOURCE), param("code"),
        param("version"), param("display"), param("coding", Kind.CODING), param("codeableConcept", Kind.CODEABLE_CONCEPT),
        param("date"), param("abstract", Kind.BOOLEAN),
        param("displayLanguage"), param("lenient-display-validation", Kind.BOOLEAN), param("mode"), param("useSupplement").repeating(),
        param("default-to-latest-version", Kind.BOOLEAN), param("system-version").repeating(),
        param("check-system-version").repeating(), param("force-system-version").repeating()));
  }

  /** codeableConcept: the one validated, which the answer echoes (null for a code or coding). */
  record ValidateAnswer(ValidateResult result, CodeableConcept codeableConcept) implements Answer {
    @Override
    public void write(FhirJson out, String diagnostics) {
      AnswerWriter.validation(out, result, codeableConcept, diagnostics);
    }
  }

  @Override
  ValidateAnswer answer(ParamSource in, String id, Terminology terminology) {
    TerminologyStore store = RequestContent.store(in, terminology);
    String system = in.string("url") != null ? in.string("url") : in.string("system");
    CodeSystem codeSystem = in.resource("codeSystem", CodeSystem.class);
    if (codeSystem != null) {
      store = RequestContent.withResources(store, List.of(codeSystem));
      system = codeSystem.getUrl();
    }
    if (id != null) {
      StoredCodeSystem byId = store.codeSystemById(id)
          .orElseThrow(() -> new ResourceNotFoundException(new IdType("CodeSystem", id)));
      system = byId.release().url();
    }
    store = Supplements.apply(store, in.strings("useSupplement"), null).store();
    CodeableConcept codeableConcept = in.value("codeableConcept", CodeableConcept.class);
    List<CodedInput> inputs = CodedInputs.of(in.string("code"), system, in.string("version"), in.string("display"),
        in.value("coding", Coding.class), codeableConcept);
    if (inputs.get(0).system() == null) {
      throw ErrorMapper.invalid("No code system given: supply url (or coding.system)", "url");
    }
    ValidateRequest req = request(inputs, codeableConcept != null, in.flag("abstract", true), lenientDisplay(in),
        in.displayLanguage(), versionPolicy(in));
    return new ValidateAnswer(terminology.validate(store, req), codeableConcept);
  }

  /** The engine request for a code system check. */
  static ValidateRequest request(List<CodedInput> inputs, boolean codeableConcept, boolean abstractAllowed,
      boolean lenientDisplay, String displayLanguage, VersionPolicy versions) {
    return new ValidateRequest(null, inputs, codeableConcept, abstractAllowed, false, lenientDisplay, displayLanguage,
        versions);
  }

  /**
   * lenient-display-validation, or mode=lenient-display-validation (the HL7 validator sends both forms): a wrong
   * display is a warning, not an error. No other mode is defined.
   */
  static boolean lenientDisplay(ParamSource in) {
    String mode = in.string("mode");
    if (mode != null && !mode.equals("lenient-display-validation")) {
      throw ErrorMapper.invalid("The parameter mode must be 'lenient-display-validation', not '" + mode + "'", "mode");
    }
    return mode != null || in.flag("lenient-display-validation", false);
  }

  /**
   * system-version, check-system-version, force-system-version (lists of url|version), default-valueset-version,
   * default-to-latest-version, and date: the day whose releases apply where nothing names a version.
   */
  static VersionPolicy versionPolicy(ParamSource in) {
    return new VersionPolicy(versions(in, "system-version"), versions(in, "check-system-version"),
        versions(in, "force-system-version"), versions(in, "default-valueset-version"), true,
        in.flag("default-to-latest-version", false), Dates.localDate(in, "date"));
  }

  private static java.util.Map<String, String> versions(ParamSource in, String name) {
    java.util.Map<String, String> map = new java.util.HashMap<>();
    for (String v : in.strings(name)) {
      org.moltx.model.Canonical c = org.moltx.model.Canonical.parse(v);
      if (c.url().isEmpty() || !c.hasVersion()) {
        throw ErrorMapper.invalid(name + " must be system|version, not '" + v + "'", name);
      }
      map.put(c.url(), c.version());
    }
    return map;
  }
}
