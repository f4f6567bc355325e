package org.moltx.engine;

/**
 * One coding to validate, and where it sits in the request ({@code path}: "code" for the code parameter,
 * "Coding" for coding, "CodeableConcept.coding[n]" for a codeableConcept).
 */
public record CodedInput(String system, String version, String code, String display, String path) {
  String codeExpression() {
    return path.equals("code") ? "code" : path + ".code";
  }

  String displayExpression() {
    return path.equals("code") ? "display" : path + ".display";
  }

  String versionExpression() {
    return path.equals("code") ? "version" : path + ".version";
  }

  String systemExpression() {
    return path.equals("code") ? "system" : path + ".system";
  }
}
