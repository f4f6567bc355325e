package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.moltx.engine.Terminology;

/**
 * A FHIR {@code batch} Bundle POSTed to the base: each entry, a GET of an operation URL on CodeSystem, ValueSet or
 * ConceptMap or a POST of Parameters to one, is answered on its own through the server's operations, with its status
 * and its result or OperationOutcome; a failing entry does not fail the batch. A {@code transaction} is refused:
 * the server is read-only.
 */
public final class BatchBundleProvider {
  private final Terminology terminology;

  public BatchBundleProvider(Terminology terminology) {
    this.terminology = terminology;
  }

  @Transaction
  public Bundle batch(RequestDetails request, @TransactionParam Bundle bundle) {
    if (bundle.getType() != BundleType.BATCH) {
      throw ErrorMapper.invalid("Only batch Bundles are accepted (this server is read-only, so it has no transactions); "
          + "this Bundle's type is " + (bundle.hasType() ? bundle.getType().toCode() : "missing"), "Bundle.type");
    }
    Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      BundleEntryComponent entry = bundle.getEntry().get(i);
      SubRequests.Answer answer = answer(request, entry, i);
      BundleEntryComponent out = response.addEntry();
      out.getResponse().setStatus(status(answer.status()));
      if (answer.ok()) {
        out.setResource((Resource) answer.resource());
      } else {
        out.getResponse().setOutcome((Resource) answer.resource());
      }
    }
    return response;
  }

  private SubRequests.Answer answer(RequestDetails request, BundleEntryComponent entry, int index) {
    String where = "Bundle.entry[" + index + "]";
    if (!entry.hasRequest() || !entry.getRequest().hasMethod() || !entry.getRequest().hasUrl()) {
      return refused(where + ".request", "Batch entry " + index + " has no request method and url");
    }
    String url = entry.getRequest().getUrl();
    return switch (entry.getRequest().getMethod()) {
      case GET -> entry.hasResource()
          ? refused(where + ".resource", "Batch entry " + index + " is a GET and must not carry a resource")
          : SubRequests.call(request, terminology, RequestTypeEnum.GET, url, null);
      case POST -> entry.getResource() instanceof Parameters p
          ? SubRequests.call(request, terminology, RequestTypeEnum.POST, url, p)
          : refused(where + ".resource", "Batch entry " + index + " is a POST and must carry a Parameters resource");
      default -> refused(where + ".request.method", "Batch entry " + index + " uses "
          + entry.getRequest().getMethod().toCode() + ": this server is read-only and answers GET and POST of operations");
    };
  }

  private static SubRequests.Answer refused(String expression, String message) {
    return new SubRequests.Answer(400, ErrorMapper.outcome(IssueType.INVALID, message, expression));
  }

  private static String status(int code) {
    return switch (code) {
      case 200 -> "200 OK";
      case 400 -> "400 Bad Request";
      case 404 -> "404 Not Found";
      case 405 -> "405 Method Not Allowed";
      case 422 -> "422 Unprocessable Entity";
      case 500 -> "500 Internal Server Error";
      default -> String.valueOf(code);
    };
  }
}
