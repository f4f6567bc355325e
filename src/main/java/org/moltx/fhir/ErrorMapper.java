package org.moltx.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.moltx.engine.TerminologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: engine problems get their status and issue type, anything
 * unexpected a 500 whose OperationOutcome says nothing of the server's insides (the log has the stack trace).
 */
public final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
  public static final String TX_ISSUE_TYPE = "http://hl7.org/fhir/tools/CodeSystem/tx-issue-type";

  public static BaseServerResponseException toFhir(TerminologyException e) {
    return switch (e.problem()) {
      case INVALID_REQUEST -> withOutcome(exception(e), IssueType.INVALID, null, e);
      case INVALID_VALUE_SET -> withOutcome(exception(e), IssueType.INVALID, "vs-invalid", e);
      case CIRCULAR_REFERENCE -> withOutcome(exception(e), IssueType.PROCESSING, "vs-invalid", e);
      case NOT_SUPPORTED -> withOutcome(exception(e), IssueType.NOTSUPPORTED, null, e);
      case UNKNOWN_SYSTEM, UNKNOWN_CODE, UNKNOWN_RESOURCE -> withOutcome(exception(e), IssueType.NOTFOUND, "not-found", e);
      case VERSION_ERROR -> withOutcome(exception(e), IssueType.EXCEPTION, "version-error", e);
      case TOO_COSTLY -> withOutcome(exception(e), IssueType.TOOCOSTLY, null, e);
    };
  }

  /** HAPI's exception for the problem's status ({@link org.moltx.engine.Problem#status}). */
  private static BaseServerResponseException exception(TerminologyException e) {
    // HAPI's own table of status to exception (400 InvalidRequest, 404 ResourceNotFound, 422 UnprocessableEntity...)
    return BaseServerResponseException.newInstance(e.problem().status(), e.getMessage());
  }

  /** A 400 for a parameter problem found in the FHIR layer. */
  public static InvalidRequestException invalid(String message, String parameter) {
    InvalidRequestException ex = new InvalidRequestException(message);
    ex.setOperationOutcome(outcome(IssueType.INVALID, message, parameter));
    return ex;
  }

  /** A 400 for a parameter the specification defines but moltx does not honour (issue type not-supported). */
  public static InvalidRequestException notSupported(String message, String parameter) {
    InvalidRequestException ex = new InvalidRequestException(message);
    ex.setOperationOutcome(outcome(IssueType.NOTSUPPORTED, message, parameter));
    return ex;
  }

  /** A 400 of a given issue type and HL7 tx-issue-type, without an expression (the text names the parameter). */
  public static InvalidRequestException invalid(String message, IssueType type, String txType) {
    InvalidRequestException ex = new InvalidRequestException(message);
    OperationOutcome oo = outcome(type, message, null);
    oo.getIssueFirstRep().getDetails().addCoding(new Coding(TX_ISSUE_TYPE, txType, null));
    ex.setOperationOutcome(oo);
    return ex;
  }

  public static OperationOutcome outcome(IssueType type, String message, String expression) {
    OperationOutcome oo = new OperationOutcome();
    OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue()
        .setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
    issue.getDetails().setText(message);
    if (expression != null) {
      issue.addExpression(expression);
    }
    return oo;
  }

  private static BaseServerResponseException clientError(int status, String detail) {
    String message = status == 413 ? "The request body is too large (" + detail + ")" : "Bad request: " + detail;
    BaseServerResponseException ex = status == 413 ? new PayloadTooLargeException(message)
        : new InvalidRequestException(message);
    ex.setOperationOutcome(outcome(status == 413 ? IssueType.TOOLONG : IssueType.INVALID, message, null));
    return ex;
  }

  /** txType: the HL7 tx-issue-type code that clients of the terminology ecosystem read, or null. */
  private static BaseServerResponseException withOutcome(BaseServerResponseException ex, IssueType type, String txType,
      TerminologyException e) {
    // the ecosystem's clients expect the request element only for request errors; the text names the rest
    boolean requestError = e.problem() == org.moltx.engine.Problem.INVALID_REQUEST
        || e.problem() == org.moltx.engine.Problem.INVALID_VALUE_SET
        || e.problem() == org.moltx.engine.Problem.NOT_SUPPORTED;
    OperationOutcome oo = outcome(type, e.getMessage(), requestError ? e.element() : null);
    if (txType != null) {
      oo.getIssueFirstRep().getDetails().addCoding(new Coding(TX_ISSUE_TYPE, txType, null));
    }
    // an id only on an issue of the ecosystem's kinds (the too-costly one has no tx-issue-type coding, but an id)
    boolean ecosystemIssue = txType != null || e.problem() == org.moltx.engine.Problem.TOO_COSTLY;
    MessageIds.mark(oo.getIssueFirstRep(), ecosystemIssue ? e.messageId() : null);
    ex.setOperationOutcome(oo);
    return ex;
  }

  /** Registered on the server: maps engine exceptions and hides unexpected ones. */
  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException map(RequestDetails request, Throwable error, HttpServletRequest servletRequest,
      HttpServletResponse servletResponse) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TerminologyException te) {
        return toFhir(te);
      }
      if (t instanceof ca.uhn.fhir.parser.DataFormatException || t instanceof NumberFormatException) {
        // HAPI could not read a parameter value or the body: the client sent it
        return clientError(400, "invalid value: " + t.getMessage());
      }
      if (t instanceof org.eclipse.jetty.http.HttpException he && he.getCode() >= 400 && he.getCode() < 500) {
        // the container refused the request while HAPI read it: a body over the size limit (413), bad encoding
        return clientError(he.getCode(), t.getMessage());
      }
    }
    if (error instanceof BaseServerResponseException bre && bre.getStatusCode() < 500) {
      if (bre.getOperationOutcome() == null) {
        bre.setOperationOutcome(outcome(bre.getStatusCode() == 404 ? IssueType.NOTFOUND : IssueType.INVALID,
            bre.getMessage(), null));
      }
      return bre;
    }
    log.error("unexpected failure on {} {}", request != null ? request.getRequestType() : servletRequest.getMethod(),
        request != null ? request.getCompleteUrl() : servletRequest.getRequestURI(), error);
    InternalErrorException ex = new InternalErrorException("The server could not answer this request; see the server log");
    ex.setOperationOutcome(outcome(IssueType.EXCEPTION, ex.getMessage(), null));
    return ex;
  }
}
