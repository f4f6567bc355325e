package org.moltx.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.moltx.engine.CodedInput;

/** The codings a $validate-code request asks about: code + system, a coding, or a codeableConcept. */
final class CodedInputs {
  private CodedInputs() {}

  static List<CodedInput> of(String code, String system, String version, String display, Coding coding,
      CodeableConcept codeableConcept) {
    int given = (code != null ? 1 : 0) + (coding != null && !coding.isEmpty() ? 1 : 0)
        + (codeableConcept != null && !codeableConcept.isEmpty() ? 1 : 0);
    if (given == 0) {
      // the ecosystem tests' wording (batch/batch-validate-bad), without an expression: no element is at fault
      throw ErrorMapper.invalid("Unable to find code to validate (looked for coding | codeableConcept | code+system"
          + " | code+inferSystem in parameters", null);
    }
    if (given > 1) {
      throw ErrorMapper.invalid("Supply only one of code, coding and codeableConcept", "coding");
    }
    List<CodedInput> out = new ArrayList<>();
    if (code != null) {
      out.add(new CodedInput(system, version, code, display, "code"));
    } else if (coding != null && !coding.isEmpty()) {
      out.add(new CodedInput(coding.getSystem(), coding.hasVersion() ? coding.getVersion() : version, coding.getCode(),
          coding.hasDisplay() ? coding.getDisplay() : display, "Coding"));
    } else {
      for (int i = 0; i < codeableConcept.getCoding().size(); i++) {
        Coding c = codeableConcept.getCoding().get(i);
        out.add(new CodedInput(c.getSystem(), c.getVersion(), c.getCode(), c.getDisplay(), "CodeableConcept.coding[" + i + "]"));
      }
      if (out.isEmpty()) {
        throw ErrorMapper.invalid("The codeableConcept has no coding", "codeableConcept");
      }
    }
    return out;
  }
}
