package org.moltx.fhir;

import org.hl7.fhir.r4.model.Coding;

/** A code given either as code + system + version or as one Coding; giving both in conflict is a 400. */
record CodingInput(String code, String system, String version) {

  static CodingInput of(String c, String s, String v, Coding coding, String codeName, String codingName) {
    if (coding != null && !coding.isEmpty()) {
      if (c != null && !c.equals(coding.getCode())) {
        throw ErrorMapper.invalid("Both " + codeName + " and " + codingName + " are given, with different codes", codingName);
      }
      if (s != null && coding.hasSystem() && !s.equals(coding.getSystem())) {
        throw ErrorMapper.invalid("The system parameter and " + codingName + ".system differ", codingName);
      }
      return new CodingInput(coding.getCode(), coding.hasSystem() ? coding.getSystem() : s,
          coding.hasVersion() ? coding.getVersion() : v);
    }
    return new CodingInput(c, s, v);
  }
}
