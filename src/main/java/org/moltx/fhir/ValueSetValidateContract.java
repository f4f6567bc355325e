package org.moltx.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.Supplements;
import org.moltx.engine.Terminology;
import org.moltx.engine.ValidateRequest;
import org.moltx.engine.ValidateResult;
import org.moltx.store.TerminologyStore;

/** ValueSet/$validate-code, type and instance level: is the code in the value set? */
final class ValueSetValidateContract extends OperationContract {
  ValueSetValidateContract() {
    super("ValueSet", "$validate-code", List.of(param("url"), param("valueSet", Kind.RESOURCE), param("valueSetVersion"),
        refused("context", IN_CONTEXT),
        param("code"), param("system"), param("systemVersion"), param("version"), param("display"), param("coding", Kind.CODING),
        param("codeableConcept", Kind.CODEABLE_CONCEPT), param("date"),
        param("abstract", Kind.BOOLEAN), param("displayLanguage"), param("inferSystem", Kind.BOOLEAN), param("activeOnly", Kind.BOOLEAN),
        param("lenient-display-validation", Kind.BOOLEAN), param("mode"), param("valueset-membership-only", Kind.BOOLEAN),
        param("useSupplement").repeating(), param("default-valueset-version").repeating(),
        param("system-version").repeating(), param("check-system-version").repeating(),
        param("force-system-version").repeating(), param("default-to-latest-version", Kind.BOOLEAN)));
  }

  @Override
  CodeSystemValidateContract.ValidateAnswer answer(ParamSource in, String id, Terminology terminology) {
    TerminologyStore content = RequestContent.store(in, terminology);
    ValueSet target = ExpandContract.target(content, id, in.resource("valueSet", ValueSet.class), in.string("url"),
        in.string("valueSetVersion"));
    TerminologyStore store = Supplements.apply(content, in.strings("useSupplement"), target).store();
    if (in.flag("activeOnly", false)) {
      // activeOnly: the value set without its inactive concepts
      target = target.copy();
      target.getCompose().setInactive(false);
    }
    String version = in.string("systemVersion");
    CodeableConcept codeableConcept = in.value("codeableConcept", CodeableConcept.class);
    ValidateRequest req = new ValidateRequest(target,
        CodedInputs.of(in.string("code"), in.string("system"), version != null ? version : in.string("version"),
            in.string("display"), in.value("coding", Coding.class), codeableConcept),
        codeableConcept != null, in.flag("abstract", true), in.flag("inferSystem", false),
        CodeSystemValidateContract.lenientDisplay(in), ExpandContract.displayLanguage(in, target),
        CodeSystemValidateContract.versionPolicy(in));
    ValidateResult result = terminology.validate(store, req);
    if (in.flag("valueset-membership-only", false)) {
      result = result.membershipOnly();
    }
    return new CodeSystemValidateContract.ValidateAnswer(result, codeableConcept);
  }
}
