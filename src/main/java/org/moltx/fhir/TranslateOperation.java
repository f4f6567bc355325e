package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.moltx.engine.TranslateMatch;
import org.moltx.model.CodingValue;
import org.moltx.engine.TranslateRequest;
import org.moltx.engine.TranslateResult;
import org.moltx.engine.Terminology;
import org.moltx.store.ConceptMapIndex;
import org.moltx.store.TerminologyStore;

/**
 * ConceptMap/$translate, type and instance level, with the R4 parameter names and the R5 ones (sourceCode,
 * sourceSystem, targetCode, targetSystem). A target code (R5) is a reverse translation.
 */
public final class TranslateOperation {
  static final Set<String> ACCEPTED = Set.of("url", "conceptMap", "conceptMapVersion", "code", "system", "version",
      "source", "coding", "codeableConcept", "target", "targetsystem", "reverse", "sourceCode", "sourceSystem",
      "sourceCoding", "sourceCodeableConcept", "targetCode", "targetCoding", "targetSystem", "sourceScope",
      "targetScope", "useHierarchy");

  /** Codes without a mapping of their own map through their nearest mapped ancestor unless useHierarchy=false. */
  static final boolean USE_HIERARCHY = true;

  private final Terminology terminology;

  public TranslateOperation(Terminology terminology) {
    this.terminology = terminology;
  }

  @Operation(name = "$translate", type = ConceptMap.class, idempotent = true)
  public Parameters translate(
      RequestDetails request,
      @IdParam(optional = true) IdType id,
      @OperationParam(name = "url", max = 1) UriType url,
      @OperationParam(name = "conceptMap", max = 1) ConceptMap conceptMap,
      @OperationParam(name = "conceptMapVersion", max = 1) StringType conceptMapVersion,
      @OperationParam(name = "code", max = 1) CodeType code,
      @OperationParam(name = "system", max = 1) UriType system,
      @OperationParam(name = "version", max = 1) StringType version,
      @OperationParam(name = "source", max = 1) UriType source,
      @OperationParam(name = "coding", max = 1) Coding coding,
      @OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
      @OperationParam(name = "target", max = 1) UriType target,
      @OperationParam(name = "targetsystem", max = 1) UriType targetsystem,
      @OperationParam(name = "reverse", max = 1) BooleanType reverse,
      @OperationParam(name = "sourceCode", max = 1) CodeType sourceCode,
      @OperationParam(name = "sourceSystem", max = 1) UriType sourceSystem,
      @OperationParam(name = "sourceCoding", max = 1) Coding sourceCoding,
      @OperationParam(name = "sourceCodeableConcept", max = 1) CodeableConcept sourceCodeableConcept,
      @OperationParam(name = "targetCode", max = 1) CodeType targetCode,
      @OperationParam(name = "targetCoding", max = 1) Coding targetCoding,
      @OperationParam(name = "targetSystem", max = 1) UriType targetSystem,
      @OperationParam(name = "sourceScope", max = 1) UriType sourceScope,
      @OperationParam(name = "targetScope", max = 1) UriType targetScope,
      @OperationParam(name = "useHierarchy", max = 1) BooleanType useHierarchy) {
    RequestParameters.requireKnown(request, ACCEPTED, "$translate");
    TerminologyStore store = RequestContent.store(request, terminology);

    String mapUrl = Values.string(url);
    String mapVersion = Values.string(conceptMapVersion);
    if (conceptMap != null) {
      // an inline map serves this request only
      store = store.overlay().addConceptMap(conceptMap).build();
      mapUrl = conceptMap.getUrl();
      mapVersion = conceptMap.getVersion();
    }
    if (id != null && id.hasIdPart()) {
      ConceptMapIndex byId = store.conceptMapById(id.getIdPart())
          .orElseThrow(() -> new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException(id));
      mapUrl = byId.map().getUrl();
      mapVersion = byId.map().getVersion();
    }

    boolean isReverse = Values.bool(reverse, false);
    List<Coding> inputs = new ArrayList<>();
    String targetSys = firstNonNull(Values.string(targetsystem), Values.string(targetSystem));
    if (targetCode != null || targetCoding != null) {
      // R5: translating a target code back to its sources
      isReverse = true;
      inputs.add(single(targetCode, firstNonNull(Values.string(system), Values.string(targetSystem)), version, targetCoding,
          "targetCode", "targetCoding"));
      targetSys = Values.string(sourceSystem);
    } else {
      Coding r5 = sourceCode != null || sourceCoding != null
          ? single(sourceCode, firstNonNull(Values.string(system), Values.string(sourceSystem)), version, sourceCoding,
              "sourceCode", "sourceCoding")
          : null;
      CodeableConcept cc = codeableConcept != null ? codeableConcept : sourceCodeableConcept;
      if (r5 != null) {
        inputs.add(r5);
      } else if (cc != null) {
        cc.getCoding().stream().filter(Coding::hasCode).forEach(inputs::add);
      } else {
        inputs.add(single(code, Values.string(system), version, coding, "code", "coding"));
      }
    }
    if (inputs.isEmpty()) {
      throw ErrorMapper.invalid("No code to translate: supply code and system, coding, or codeableConcept", "code");
    }

    List<TranslateMatch> matches = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Coding in : inputs) {
      TranslateResult r = terminology.translate(store, new TranslateRequest(in.getCode(), in.getSystem(), in.getVersion(),
          mapUrl, mapVersion, firstNonNull(Values.string(source), Values.string(sourceScope)),
          firstNonNull(Values.string(target), Values.string(targetScope)), targetSys, isReverse,
          Values.bool(useHierarchy, USE_HIERARCHY)));
      matches.addAll(r.matches());
      if (r.message() != null) {
        messages.add(r.message());
      }
    }
    Coding asked = inputs.get(0);
    CodingValue reverseInput = targetCode != null || targetCoding != null
        ? new CodingValue(asked.getSystem(), asked.getCode(), null) : null;
    return ParametersRenderer.translate(new TranslateResult(!matches.isEmpty(),
        messages.isEmpty() ? null : String.join("; ", messages), matches), reverseInput);
  }

  private static Coding single(CodeType code, String system, StringType version, Coding coding, String codeName,
      String codingName) {
    CodingInput in = CodingInput.of(code, system == null ? null : new UriType(system), version, coding, codeName, codingName);
    return new Coding().setCode(in.code()).setSystem(in.system()).setVersion(in.version());
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
