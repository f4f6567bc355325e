package org.moltx.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;

/**
 * The HL7 terminology ecosystem's message ids (operationoutcome-message-id), by which clients such as the FHIR
 * validator recognise a finding whatever its wording or language. Each of our message templates maps to one id;
 * an issue whose template is not listed gets none.
 */
final class MessageIds {
  static final String EXTENSION = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

  /** tx-issue-type, a phrase of the template (null: any), the id; the first match wins. */
  private record Rule(String txType, String phrase, String id) {}

  private static final List<Rule> RULES = List.of(
      new Rule("not-in-vs", "No valid coding was found", "TX_GENERAL_CC_ERROR_MESSAGE"),
      new Rule("not-in-vs", null, "None_of_the_provided_codes_are_in_the_value_set_one"),
      new Rule("this-code-not-in-vs", null, "None_of_the_provided_codes_are_in_the_value_set_one"),
      new Rule("invalid-code", "labeled as a fragment", "UNKNOWN_CODE_IN_FRAGMENT"),
      new Rule("invalid-code", "Unknown code", "Unknown_Code_in_Version"),
      new Rule("cannot-infer", "multiple matches", "Unable_to_resolve_system__value_set_has_multiple_matches"),
      new Rule("cannot-infer", null, "UNABLE_TO_INFER_CODESYSTEM"),
      new Rule("code-comment", "The presence of the concept", "CONCEPT_DEPRECATED_IN_VALUESET"),
      new Rule("code-comment", "is deprecated and its use", "DEPRECATED_CONCEPT_FOUND"),
      new Rule("code-comment", "has a status of", "INACTIVE_CONCEPT_FOUND"),
      new Rule("code-rule", "is abstract", "ABSTRACT_CODE_NOT_ALLOWED"),
      new Rule("code-rule", "differs from the correct code", "CODE_CASE_DIFFERENCE"),
      new Rule("code-rule", "is valid but is not active", "STATUS_CODE_WARNING_CODE"),
      new Rule("display-comment", "no longer considered a correct display", "INACTIVE_DISPLAY_FOUND"),
      new Rule("invalid-data", "is a supplement", "CODESYSTEM_CS_NO_SUPPLEMENT"),
      new Rule("invalid-data", "Coding has no system", "Coding_has_no_system__cannot_validate"),
      new Rule("invalid-data", "must be an absolute reference", "Terminology_TX_System_Relative"),
      new Rule("invalid-data", "references a value set", "Terminology_TX_System_ValueSet2"),
      new Rule("invalid-display", "Wrong whitespace", "Display_Name_WS_for__should_be_one_of__instead_of"),
      new Rule("invalid-display", "Default display is", "NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR"),
      new Rule("invalid-display", "Wrong Display Name", "Display_Name_for__should_be_one_of__instead_of"),
      new Rule("invalid-display", "There are no valid display names found", "NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK"),
      new Rule("invalid-display", "Invalid displayLanguage", "INVALID_DISPLAY_NAME"),
      new Rule("not-found", "Required supplement not found", "VALUESET_SUPPLEMENT_MISSING"),
      new Rule("not-found", "A definition for the value Set", "Unable_to_resolve_value_Set_"),
      new Rule("not-found", "Unable to find included value set", "VS_EXP_IMPORT_UNK_PINNED"),
      new Rule("not-found", "No versions of this code system are known", "UNKNOWN_CODESYSTEM_VERSION_NONE"),
      new Rule("not-found", "so the value set cannot be expanded", "UNKNOWN_CODESYSTEM_VERSION_EXP"),
      new Rule("not-found", "' version '", "UNKNOWN_CODESYSTEM_VERSION"),
      new Rule("not-found", "A definition for CodeSystem", "UNKNOWN_CODESYSTEM"),
      new Rule("status-check", "Reference to deprecated", "MSG_DEPRECATED"),
      new Rule("status-check", "Reference to draft", "MSG_DRAFT"),
      new Rule("status-check", "Reference to experimental", "MSG_EXPERIMENTAL"),
      new Rule("status-check", "Reference to withdrawn", "MSG_WITHDRAWN"),
      new Rule("version-error", null, "VALUESET_VERSION_CHECK"),
      new Rule("vs-invalid", "has no value", "UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE"),
      new Rule("vs-invalid", "circularity", "VALUESET_CIRCULAR_REFERENCE"),
      new Rule("vs-invalid", "resulting from the version", "VALUESET_VALUE_MISMATCH_CHANGED"),
      new Rule("vs-invalid", "for the versionless include", "VALUESET_VALUE_MISMATCH_DEFAULT"),
      new Rule("vs-invalid", "in the ValueSet include is different", "VALUESET_VALUE_MISMATCH"),
      new Rule("too-costly", null, "VALUESET_TOO_COSTLY"));

  private MessageIds() {}

  /** The id for a finding of this tx-issue-type and text, or null. */
  static String of(String txType, String text) {
    if (txType == null || text == null) {
      return null;
    }
    for (Rule r : RULES) {
      if (r.txType().equals(txType) && (r.phrase() == null || text.contains(r.phrase()))) {
        return r.id();
      }
    }
    return null;
  }

  /** Adds the id, when there is one, to the issue. */
  static void mark(OperationOutcome.OperationOutcomeIssueComponent issue, String txType, String text) {
    String id = of(txType, text);
    if (id != null) {
      issue.addExtension(EXTENSION, new StringType(id));
    }
  }
}
