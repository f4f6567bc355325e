package org.moltx.engine;

/**
 * One finding of $validate-code, in the terms of the HL7 terminology ecosystem: severity (error, warning,
 * information), the OperationOutcome issue type (code-invalid, invalid, not-found, business-rule, ...), the
 * tx-issue-type code (invalid-code, not-in-vs, invalid-display, not-found, ...), text, and the request path.
 */
public record ValidationIssue(String severity, String type, String txType, String text, String expression,
    boolean inMessage) {
  /** inMessage false: a note on the value set's use of a concept, which the ecosystem leaves out of {@code message}. */
  public ValidationIssue(String severity, String type, String txType, String text, String expression) {
    this(severity, type, txType, text, expression, true);
  }

  public boolean isError() {
    return severity.equals("error");
  }
}
