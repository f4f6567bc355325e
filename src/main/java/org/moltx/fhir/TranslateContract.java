package org.moltx.fhir;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IdType;
import org.moltx.engine.Terminology;
import org.moltx.engine.TranslateMatch;
import org.moltx.engine.TranslateRequest;
import org.moltx.engine.TranslateResult;
import org.moltx.model.CodingValue;
import org.moltx.store.ConceptMapIndex;
import org.moltx.store.TerminologyStore;

/** ConceptMap/$translate, type and instance level, with the R4 and the R5 parameter names. */
final class TranslateContract extends OperationContract {
  /** Codes without a mapping of their own map through their nearest mapped ancestor unless useHierarchy=false. */
  static final boolean USE_HIERARCHY = true;

  TranslateContract() {
    super("ConceptMap", "$translate", List.of(param("url"), param("conceptMap", Kind.RESOURCE), param("conceptMapVersion"),
        param("code"), param("system"), param("version"), param("source"), param("coding", Kind.CODING), param("codeableConcept", Kind.CODEABLE_CONCEPT),
        param("target"), param("targetsystem"), param("reverse", Kind.BOOLEAN), param("sourceCode"), param("sourceSystem"),
        param("sourceCoding", Kind.CODING), param("sourceCodeableConcept", Kind.CODEABLE_CONCEPT), param("targetCode"), param("targetCoding", Kind.CODING),
        param("targetSystem"), param("sourceScope"), param("targetScope"), param("useHierarchy", Kind.BOOLEAN)));
  }

  /** reverseInput: for an R5 reverse request (targetCode), the coding asked about. */
  record TranslateAnswer(TranslateResult result, CodingValue reverseInput) implements Answer {
    @Override
    public void write(FhirJson out, String diagnostics) {
      AnswerWriter.translate(out, result, reverseInput, diagnostics);
    }
  }

  @Override
  TranslateAnswer answer(ParamSource in, String id, Terminology terminology) {
    TerminologyStore store = RequestContent.store(in, terminology);
    String mapUrl = in.string("url");
    String mapVersion = in.string("conceptMapVersion");
    ConceptMap conceptMap = in.resource("conceptMap", ConceptMap.class);
    if (conceptMap != null) {
      // an inline map serves this request only
      store = RequestContent.withResources(store, List.of(conceptMap));
      mapUrl = conceptMap.getUrl();
      mapVersion = conceptMap.getVersion();
    }
    if (id != null) {
      ConceptMapIndex byId = store.conceptMapById(id)
          .orElseThrow(() -> new ResourceNotFoundException(new IdType("ConceptMap", id)));
      mapUrl = byId.map().getUrl();
      mapVersion = byId.map().getVersion();
    }
    boolean isReverse = in.flag("reverse", false);
    List<Coding> inputs = new ArrayList<>();
    String targetSys = firstNonNull(in.string("targetsystem"), in.string("targetSystem"));
    Coding targetCoding = in.value("targetCoding", Coding.class);
    boolean r5Reverse = in.string("targetCode") != null || targetCoding != null;
    if (r5Reverse) {
      // R5: translating a target code back to its sources
      isReverse = true;
      inputs.add(single(in.string("targetCode"), firstNonNull(in.string("system"), in.string("targetSystem")),
          in.string("version"), targetCoding, "targetCode", "targetCoding"));
      targetSys = in.string("sourceSystem");
    } else {
      Coding sourceCoding = in.value("sourceCoding", Coding.class);
      CodeableConcept cc = in.value("codeableConcept", CodeableConcept.class);
      if (cc == null) {
        cc = in.value("sourceCodeableConcept", CodeableConcept.class);
      }
      if (in.string("sourceCode") != null || sourceCoding != null) {
        inputs.add(single(in.string("sourceCode"), firstNonNull(in.string("system"), in.string("sourceSystem")),
            in.string("version"), sourceCoding, "sourceCode", "sourceCoding"));
      } else if (cc != null) {
        cc.getCoding().stream().filter(Coding::hasCode).forEach(inputs::add);
      } else {
        inputs.add(single(in.string("code"), in.string("system"), in.string("version"), in.value("coding", Coding.class),
            "code", "coding"));
      }
    }
    if (inputs.isEmpty()) {
      throw ErrorMapper.invalid("No code to translate: supply code and system, coding, or codeableConcept", "code");
    }
    List<TranslateMatch> matches = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Coding c : inputs) {
      TranslateResult r = terminology.translate(store, new TranslateRequest(c.getCode(), c.getSystem(), c.getVersion(),
          mapUrl, mapVersion, firstNonNull(in.string("source"), in.string("sourceScope")),
          firstNonNull(in.string("target"), in.string("targetScope")), targetSys, isReverse,
          in.flag("useHierarchy", USE_HIERARCHY)));
      matches.addAll(r.matches());
      if (r.message() != null) {
        messages.add(r.message());
      }
    }
    Coding asked = inputs.get(0);
    CodingValue reverseInput = r5Reverse ? new CodingValue(asked.getSystem(), asked.getCode(), null) : null;
    return new TranslateAnswer(new TranslateResult(!matches.isEmpty(),
        messages.isEmpty() ? null : String.join("; ", messages), matches), reverseInput);
  }

  private static Coding single(String code, String system, String version, Coding coding, String codeName,
      String codingName) {
    CodingInput in = CodingInput.of(code, system, version, coding, codeName, codingName);
    return new Coding().setCode(in.code()).setSystem(in.system()).setVersion(in.version());
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
