package org.moltx.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.moltx.engine.MessageId;

/**
 * The HL7 terminology ecosystem's message ids (operationoutcome-message-id) on the issues we return: each finding
 * carries its {@link MessageId} from where the engine made it.
 */
final class MessageIds {
  static final String EXTENSION = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

  private MessageIds() {}

  /** Adds the id, when there is one, to the issue. */
  static void mark(OperationOutcome.OperationOutcomeIssueComponent issue, MessageId id) {
    if (id != null) {
      issue.addExtension(EXTENSION, new StringType(id.id()));
    }
  }
}
