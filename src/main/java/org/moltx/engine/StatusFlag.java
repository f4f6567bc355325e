package org.moltx.engine;

import org.moltx.model.Canonical;

/**
 * A code system or value set used that a client should look twice at: {@code flag} is withdrawn, deprecated, draft or
 * experimental ({@link StatusFlags}), {@code kind} CodeSystem or ValueSet. $validate-code reports it as a
 * status-check issue, $expand as a {@code warning-[flag]} parameter.
 */
public record StatusFlag(String flag, String kind, Canonical resource) {
  /** The status-check issue $validate-code reports: "Reference to draft CodeSystem url|version". */
  ValidationIssue issue() {
    MessageId id = switch (flag) {
      case "deprecated" -> MessageId.MSG_DEPRECATED;
      case "withdrawn" -> MessageId.MSG_WITHDRAWN;
      case "draft" -> MessageId.MSG_DRAFT;
      case "experimental" -> MessageId.MSG_EXPERIMENTAL;
      default -> throw new IllegalStateException("unknown status flag " + flag);
    };
    return new ValidationIssue(id, id.text(kind, resource), null);
  }
}
