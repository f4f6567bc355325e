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
    String status) {

  /** status: the concept's status when a client should know it (deprecated), else null. */
  public ValidateResult(boolean result, String system, String version, String code, String display, boolean inactive,
      List<ValidationIssue> issues, List<String> unknownSystems) {
    this(result, system, version, code, display, inactive, issues, unknownSystems, null);
  }

  /** The errors' texts, joined: the {@code message} output parameter. */
  public String message() {
    // a valid answer's message carries its warnings, and the note that no display exists in the asked language
    List<String> texts = issues.stream().filter(ValidationIssue::inMessage).filter(i -> result
            ? !i.severity().equals("information") || i.txType().equals("invalid-display") : i.isError())
        .map(ValidationIssue::text).sorted().toList();
    return texts.isEmpty() ? null : String.join("; ", texts);
  }
}
