package org.moltx.engine;

/**
 * The findings the HL7 terminology ecosystem names by a message id (the {@code operationoutcome-message-id} extension),
 * by which clients such as the FHIR validator recognise a finding whatever its wording or language. Each carries the
 * id, the severity, OperationOutcome issue type and tx-issue-type code the finding usually has (a finding may be made
 * a warning where its context says so), and the text template, {0}-style, that {@link #text} fills.
 *
 * <p>A finding gets its id where it is made ({@link ValidationIssue}, {@link TerminologyException}); one the ecosystem
 * names no id for has none (null).
 */
public enum MessageId {
  // not-in-vs
  TX_GENERAL_CC_ERROR_MESSAGE("TX_GENERAL_CC_ERROR_MESSAGE", "error", "code-invalid", "not-in-vs",
      "No valid coding was found for the value set '{0}'"),
  NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET("None_of_the_provided_codes_are_in_the_value_set_one", "error",
      "code-invalid", "not-in-vs", "The provided code '{0}' was not found in the value set '{1}'"),

  // invalid-code
  UNKNOWN_CODE_IN_FRAGMENT("UNKNOWN_CODE_IN_FRAGMENT", "warning", "code-invalid", "invalid-code",
      "Unknown Code '{0}' in the CodeSystem '{1}' version '{2}' - note that the code system is labeled as a fragment, "
          + "so the code may be valid in some other fragment"),
  /** {3}: a hint, such as the dotted form of an undotted ICD-10-CM code (may be empty). */
  UNKNOWN_CODE_IN_VERSION("Unknown_Code_in_Version", "error", "code-invalid", "invalid-code",
      "Unknown code '{0}' in the CodeSystem '{1}' version '{2}'{3}"),

  // cannot-infer
  UNABLE_TO_RESOLVE_SYSTEM_MULTIPLE_MATCHES("Unable_to_resolve_system__value_set_has_multiple_matches",
      "error", "not-found", "cannot-infer", "The System URI could not be determined for the code '{0}' in the "
          + "ValueSet '{1}': value set expansion has multiple matches: {2}"),
  UNABLE_TO_INFER_CODESYSTEM("UNABLE_TO_INFER_CODESYSTEM", "error", "not-found", "cannot-infer",
      "The System URI could not be determined for the code '{0}' in the ValueSet '{1}'"),

  // code-comment
  CONCEPT_DEPRECATED_IN_VALUESET("CONCEPT_DEPRECATED_IN_VALUESET", "warning", "business-rule", "code-comment",
      "The presence of the concept '{0}' in the system '{1}' in the value set {2} is marked with a status of {3} and "
          + "its use should be reviewed"),
  DEPRECATED_CONCEPT_FOUND("DEPRECATED_CONCEPT_FOUND", "warning", "business-rule", "code-comment",
      "The concept '{0}' is deprecated and its use should be reviewed"),
  /** {1}: "inactive", or "[status] and inactive". */
  INACTIVE_CONCEPT_FOUND("INACTIVE_CONCEPT_FOUND", "warning", "business-rule", "code-comment",
      "The concept '{0}' has a status of {1} and its use should be reviewed"),

  // code-rule
  /** {0}: system#code. */
  ABSTRACT_CODE_NOT_ALLOWED("ABSTRACT_CODE_NOT_ALLOWED", "error", "business-rule", "code-rule",
      "Code '{0}' is abstract, and not allowed in this context"),
  CODE_CASE_DIFFERENCE("CODE_CASE_DIFFERENCE", "information", "business-rule", "code-rule",
      "The code '{0}' differs from the correct code '{1}' by case. Although the code system '{2}' is case insensitive, "
          + "implementers are strongly encouraged to use the correct case anyway"),
  STATUS_CODE_WARNING_CODE("STATUS_CODE_WARNING_CODE", "error", "business-rule", "code-rule",
      "The concept '{0}' is valid but is not active"),

  // display-comment
  INACTIVE_DISPLAY_FOUND("INACTIVE_DISPLAY_FOUND", "warning", "invalid", "display-comment",
      "'{0}' is no longer considered a correct display for code '{1}' (status = deprecated). The correct display is "
          + "one of {2}."),

  // invalid-data
  CODESYSTEM_CS_NO_SUPPLEMENT("CODESYSTEM_CS_NO_SUPPLEMENT", "error", "invalid", "invalid-data",
      "CodeSystem {0} is a supplement, so can't be used as a value in {1}"),
  CODING_HAS_NO_SYSTEM("Coding_has_no_system__cannot_validate", "warning", "invalid", "invalid-data",
      "Coding has no system. A code with no system has no defined meaning, and it cannot be validated. A system should "
          + "be provided"),
  TERMINOLOGY_TX_SYSTEM_RELATIVE("Terminology_TX_System_Relative", "error", "invalid", "invalid-data",
      "{0} must be an absolute reference, not a local reference"),
  TERMINOLOGY_TX_SYSTEM_VALUESET("Terminology_TX_System_ValueSet2", "error", "invalid", "invalid-data",
      "The Coding references a value set, not a code system ('{0}')"),

  // invalid-display ({1}: system#code; {2}: the valid displays, or that there are none in the language)
  DISPLAY_NAME_WHITESPACE("Display_Name_WS_for__should_be_one_of__instead_of", "error", "invalid",
      "invalid-display", "Wrong whitespace in Display Name '{0}' for {1}. {2}"),
  DISPLAY_NAME_WRONG("Display_Name_for__should_be_one_of__instead_of", "error", "invalid", "invalid-display",
      "Wrong Display Name '{0}' for {1}. {2}"),
  NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR("NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR", "error", "invalid",
      "invalid-display", "Wrong Display Name '{0}' for {1}. {2}"),
  NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK("NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK", "information", "invalid",
      "invalid-display", "There are no valid display names found for the code {0} for language(s) '{1}'. The display "
          + "is '{2}' which is a valid display for the default language"),

  // not-found
  VALUESET_SUPPLEMENT_MISSING("VALUESET_SUPPLEMENT_MISSING", "error", "not-found", "not-found",
      "Required supplement not found: {0}"),
  UNABLE_TO_RESOLVE_VALUE_SET("Unable_to_resolve_value_Set_", "error", "not-found", "not-found",
      "A definition for the value Set '{0}' could not be found"),
  VS_EXP_IMPORT_UNK_PINNED("VS_EXP_IMPORT_UNK_PINNED", "error", "not-found", "not-found",
      "Unable to find included value set '{0}' version '{1}'"),
  /** {2}: what the missing release prevents ({@link CodeSystemResolver#VALIDATING}, {@link CodeSystemResolver#EXPANDING}). */
  UNKNOWN_CODESYSTEM_VERSION_NONE("UNKNOWN_CODESYSTEM_VERSION_NONE", "error", "not-found", "not-found",
      "A definition for CodeSystem '{0}' version '{1}' could not be found, so {2}. No versions of this code system "
          + "are known"),
  UNKNOWN_CODESYSTEM_VERSION_EXP("UNKNOWN_CODESYSTEM_VERSION_EXP", "error", "not-found", "not-found",
      "A definition for CodeSystem '{0}' version '{1}' could not be found, so the value set cannot be expanded. Valid "
          + "versions: {2}"),
  UNKNOWN_CODESYSTEM_VERSION("UNKNOWN_CODESYSTEM_VERSION", "error", "not-found", "not-found",
      "A definition for CodeSystem '{0}' version '{1}' could not be found, so the code cannot be validated. Valid "
          + "versions: {2}"),
  /** {1}: what the missing code system prevents. */
  UNKNOWN_CODESYSTEM("UNKNOWN_CODESYSTEM", "error", "not-found", "not-found",
      "A definition for CodeSystem '{0}' could not be found, so {1}"),

  // status-check ({0}: CodeSystem or ValueSet, {1}: its url|version)
  MSG_DEPRECATED("MSG_DEPRECATED", "information", "business-rule", "status-check", "Reference to deprecated {0} {1}"),
  MSG_DRAFT("MSG_DRAFT", "information", "business-rule", "status-check", "Reference to draft {0} {1}"),
  MSG_EXPERIMENTAL("MSG_EXPERIMENTAL", "information", "business-rule", "status-check",
      "Reference to experimental {0} {1}"),
  MSG_WITHDRAWN("MSG_WITHDRAWN", "information", "business-rule", "status-check", "Reference to withdrawn {0} {1}"),

  // version-error
  VALUESET_VERSION_CHECK("VALUESET_VERSION_CHECK", "error", "exception", "version-error",
      "The version '{0}' is not allowed for system '{1}': required to be '{2}' by a version-check parameter"),

  // vs-invalid
  UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE("UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE", "error",
      "invalid", "vs-invalid", "The system {0} filter with property = {1}, op = {2} has no value"),
  VALUESET_CIRCULAR_REFERENCE("VALUESET_CIRCULAR_REFERENCE", "error", "processing", "vs-invalid",
      "Found a circularity pointing to {0} processing ValueSet with pathway {1}"),
  VALUESET_VALUE_MISMATCH_CHANGED("VALUESET_VALUE_MISMATCH_CHANGED", "error", "invalid", "vs-invalid",
      "The code system '{0}' version '{1}' resulting from the version '{2}' in the ValueSet include is different to "
          + "the one in the value ('{3}')"),
  VALUESET_VALUE_MISMATCH_DEFAULT("VALUESET_VALUE_MISMATCH_DEFAULT", "warning", "invalid", "vs-invalid",
      "The code system '{0}' version '{1}' for the versionless include in the ValueSet include is different to the one "
          + "in the value ('{2}')"),
  VALUESET_VALUE_MISMATCH("VALUESET_VALUE_MISMATCH", "error", "invalid", "vs-invalid",
      "The code system '{0}' version '{1}' in the ValueSet include is different to the one in the value ('{2}')"),

  // too-costly
  VALUESET_TOO_COSTLY("VALUESET_TOO_COSTLY", "error", "too-costly", "too-costly",
      "The value set '{0}' expansion has too many codes to produce (>{1}): {2} codes; use count (and offset) to page, "
          + "or filter");

  private final String id;
  private final String severity;
  private final String type;
  private final String txType;
  private final String template;

  MessageId(String id, String severity, String type, String txType, String template) {
    this.id = id;
    this.severity = severity;
    this.type = type;
    this.txType = txType;
    this.template = template;
  }

  /** The ecosystem's id, as the operationoutcome-message-id extension carries it. */
  public String id() {
    return id;
  }

  /** The usual severity: error, warning or information. */
  public String severity() {
    return severity;
  }

  /** The OperationOutcome issue type (code-invalid, not-found, invalid, business-rule...). */
  public String type() {
    return type;
  }

  /** The tx-issue-type code (not-in-vs, invalid-code, not-found...). */
  public String txType() {
    return txType;
  }

  public String template() {
    return template;
  }

  /** The template with {0}, {1}... replaced by the arguments (as String.valueOf writes them). */
  public String text(Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 64);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      int close = c == '{' ? template.indexOf('}', i) : -1;
      if (close > i + 1 && template.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
        out.append(String.valueOf(args[Integer.parseInt(template.substring(i + 1, close))]));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
