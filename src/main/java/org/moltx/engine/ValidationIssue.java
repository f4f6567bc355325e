package org.moltx.engine;

/**
 * One finding of $validate-code, in the terms of the HL7 terminology ecosystem: severity (error, warning,
 * information), the OperationOutcome issue type (code-invalid, invalid, not-found, business-rule, ...), the
 * tx-issue-type code (invalid-code, not-in-vs, invalid-display, not-found, ...), text, the request path, and the
 * ecosystem's message id (null where it names none).
 *
 * <p>inMessage false: a note on the value set's use of a concept, which the ecosystem leaves out of {@code message}.
 */
public record ValidationIssue(String severity, String type, String txType, String text, String expression,
    boolean inMessage, MessageId messageId) {
  /** A finding as its message id describes it. */
  public ValidationIssue(MessageId id, String text, String expression) {
    this(id.severity(), id.type(), id.txType(), text, expression, true, id);
  }

  /** A finding as its message id describes it, of another severity than usual. */
  public ValidationIssue(MessageId id, String severity, String text, String expression) {
    this(severity, id.type(), id.txType(), text, expression, true, id);
  }

  /** The not-found finding for a code system or value set the engine could not find. */
  static ValidationIssue notFound(TerminologyException e, String expression) {
    return new ValidationIssue("error", "not-found", "not-found", e.getMessage(), expression, true, e.messageId());
  }

  /** This finding, of another severity. */
  public ValidationIssue withSeverity(String severity) {
    return new ValidationIssue(severity, type, txType, text, expression, inMessage, messageId);
  }

  /** This finding, left out of {@code message}. */
  public ValidationIssue notInMessage() {
    return new ValidationIssue(severity, type, txType, text, expression, false, messageId);
  }

  public boolean isError() {
    return severity.equals("error");
  }
}
