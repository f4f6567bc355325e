package org.moltx.engine;

/**
 * A failure the engine explains: the problem, a message for people, the request element concerned, and the HL7
 * ecosystem's message id for it (null where it names none).
 */
public class TerminologyException extends RuntimeException {
  private final Problem problem;
  private final String element;
  private final MessageId messageId;

  public TerminologyException(Problem problem, MessageId messageId, String message, String element) {
    super(message);
    this.problem = problem;
    this.element = element;
    this.messageId = messageId;
  }

  public TerminologyException(Problem problem, String message, String element) {
    this(problem, null, message, element);
  }

  public TerminologyException(Problem problem, String message) {
    this(problem, null, message, null);
  }

  public Problem problem() {
    return problem;
  }

  /** The parameter or element the problem is about, or null. */
  public String element() {
    return element;
  }

  /** The ecosystem's message id for this failure, or null. */
  public MessageId messageId() {
    return messageId;
  }
}
