package org.moltx.engine;

import java.util.List;

/** $validate-code output. system/version/code/display describe the concept found (null when none). */
public record ValidateResult(
    boolean result,
    String system,
    String version,
    String code,
    String display,
    boolean inactive,
    List<ValidationIssue> issues,
    List<String> unknownSystems,
    List<String> unknownSystemsOutsideValueSet,
    String status,
    String normalizedCode,
    boolean standIn) {

  /**
   * unknownSystems: code systems (url or url|version) whose absence left the code unvalidated
   * (x-caused-by-unknown-system); unknownSystemsOutsideValueSet: unknown systems the value set does not use, so the
   * code was not in it anyway (x-unknown-system); status: the concept's status when a client should know it
   * (deprecated), else null; normalizedCode: the code as the code system has it, when the given one differs by case;
   * standIn: the concept comes from another release than the one validation needed, which could not be found.
   */
  public ValidateResult(boolean result, String system, String version, String code, String display, boolean inactive,
      List<ValidationIssue> issues, List<String> unknownSystems) {
    this(result, system, version, code, display, inactive, issues, unknownSystems, List.of(), null, null);
  }

  public ValidateResult(boolean result, String system, String version, String code, String display, boolean inactive,
      List<ValidationIssue> issues, List<String> unknownSystems, List<String> unknownSystemsOutsideValueSet,
      String status, String normalizedCode) {
    this(result, system, version, code, display, inactive, issues, unknownSystems, unknownSystemsOutsideValueSet,
        status, normalizedCode, false);
  }

  /** This result, marked as describing a stand-in release's concept. */
  public ValidateResult asStandIn() {
    return new ValidateResult(result, system, version, code, display, inactive, issues, unknownSystems,
        unknownSystemsOutsideValueSet, status, normalizedCode, true);
  }

  public ValidateResult(boolean result, String system, String version, String code, String display, boolean inactive,
      List<ValidationIssue> issues, List<String> unknownSystems, List<String> unknownSystemsOutsideValueSet) {
    this(result, system, version, code, display, inactive, issues, unknownSystems, unknownSystemsOutsideValueSet, null,
        null);
  }

  /** The errors' and warnings' texts, joined: the {@code message} output parameter. */
  public String message() {
    // a valid answer's message carries its warnings, and the note that no display exists in the asked language;
    // a failed answer's message carries its errors and warnings, except the note that a versionless include used
    // another version than the coding's (that one stays in the issues)
    List<String> texts = issues.stream().filter(ValidationIssue::inMessage).filter(i -> result
            ? !i.severity().equals("information") || i.txType().equals("invalid-display")
            : i.isError() || i.severity().equals("warning") && !i.txType().equals("vs-invalid"))
        .map(ValidationIssue::text).sorted().toList();
    return texts.isEmpty() ? null : String.join("; ", texts);
  }

  /**
   * valueset-membership-only: only whether a coding is in the value set counts; what the code system says of it
   * (unknown code, display, status) is not reported, nor the concept.
   */
  public ValidateResult membershipOnly() {
    List<ValidationIssue> kept = issues.stream()
        .filter(i -> i.txType().equals("not-in-vs") || i.txType().equals("this-code-not-in-vs")).toList();
    boolean member = kept.stream().noneMatch(ValidationIssue::isError);
    return new ValidateResult(member, null, null, null, null, false, kept, unknownSystems,
        unknownSystemsOutsideValueSet, null, null);
  }
}
