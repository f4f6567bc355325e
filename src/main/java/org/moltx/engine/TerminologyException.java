package org.moltx.engine;

/** A failure the engine explains: the problem, a message for people, and the request element concerned. */
public class TerminologyException extends RuntimeException {
  private final Problem problem;
  private final String element;

  public TerminologyException(Problem problem, String message, String element) {
    super(message);
    this.problem = problem;
    this.element = element;
  }

  public TerminologyException(Problem problem, String message) {
    this(problem, message, null);
  }

  public Problem problem() {
    return problem;
  }

  /** The parameter or element the problem is about, or null. */
  public String element() {
    return element;
  }
}
