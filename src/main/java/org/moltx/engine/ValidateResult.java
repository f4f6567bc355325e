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
    List<String> unknownSystems) {

  /** The errors' texts, joined: the {@code message} output parameter. */
  public String message() {
    List<String> texts = issues.stream().filter(i -> !i.severity().equals("information")).map(ValidationIssue::text).toList();
    if (texts.isEmpty()) {
      return null;
    }
    return String.join("; ", result ? texts : issues.stream().filter(ValidationIssue::isError).map(ValidationIssue::text).toList());
  }
}
