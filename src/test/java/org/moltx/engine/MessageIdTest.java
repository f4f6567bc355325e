package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ecosystem's message ids: one constant each, with its usual severity and issue types, and its text. */
class MessageIdTest {
  @Test
  void eachIdIsTheEcosystemsOnceAndEachFindingIsOfAKnownKind() {
    List<String> ids = Arrays.stream(MessageId.values()).map(MessageId::id).toList();
    assertThat(ids).doesNotHaveDuplicates().contains("None_of_the_provided_codes_are_in_the_value_set_one",
        "Unknown_Code_in_Version", "UNKNOWN_CODESYSTEM_VERSION", "VALUESET_TOO_COSTLY");
    for (MessageId id : MessageId.values()) {
      assertThat(id.severity()).isIn("error", "warning", "information");
      assertThat(id.txType()).isNotBlank();
      assertThat(id.type()).isNotBlank();
    }
  }

  @Test
  void theTemplateIsFilledInByPosition() {
    assertThat(MessageId.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET.text("http://x.org/cs#a", "http://x.org/vs|1"))
        .isEqualTo("The provided code 'http://x.org/cs#a' was not found in the value set 'http://x.org/vs|1'");
    assertThat(MessageId.UNKNOWN_CODE_IN_VERSION.text("X", "http://x.org/cs", null, ""))
        .isEqualTo("Unknown code 'X' in the CodeSystem 'http://x.org/cs' version 'null'");
    assertThat(MessageId.MSG_DRAFT.text("CodeSystem", new org.moltx.model.Canonical("http://x.org/cs", "0.1")))
        .isEqualTo("Reference to draft CodeSystem http://x.org/cs|0.1");
  }

  @Test
  void aFindingTakesItsKindFromItsIdAndAStatusFlagItsIdFromTheFlag() {
    ValidationIssue issue = new ValidationIssue(MessageId.STATUS_CODE_WARNING_CODE, "text", "Coding.code");
    assertThat(issue.severity()).isEqualTo("error");
    assertThat(issue.type()).isEqualTo("business-rule");
    assertThat(issue.txType()).isEqualTo("code-rule");
    assertThat(issue.inMessage()).isTrue();
    assertThat(issue.withSeverity("warning").messageId()).isEqualTo(MessageId.STATUS_CODE_WARNING_CODE);
    ValidationIssue flagged = new StatusFlag("withdrawn", "ValueSet",
        org.moltx.model.Canonical.parse("http://x.org/vs|2")).issue();
    assertThat(flagged.messageId()).isEqualTo(MessageId.MSG_WITHDRAWN);
    assertThat(flagged.text()).isEqualTo("Reference to withdrawn ValueSet http://x.org/vs|2");
    assertThat(flagged.severity()).isEqualTo("information");
  }
}
