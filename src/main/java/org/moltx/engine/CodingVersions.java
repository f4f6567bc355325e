package org.moltx.engine;

import java.util.ArrayList;
import java.util.List;
import org.moltx.model.Canonical;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.TerminologyStore;

/**
 * Which release of a code system validates a coding against a value set, by the ecosystem's rules: force-system-version
 * wins, else the version the include states, else system-version, else the check-system-version pattern; a coding
 * version that the chosen pattern allows (1.x.x, coding 1.0.0) narrows it, and a known coding version fills the gap
 * when nothing chose. Also the version issues that raises, in the order tx.fhir.org reports them.
 */
final class CodingVersions {
  /**
   * {@code wanted}: the version or pattern looked for (null: the newest); {@code release}: what it found, null when
   * nothing matches; {@code leading} issues go before a not-found for {@code wanted}, {@code trailing} after.
   */
  record Decision(String wanted, CodeSystemRelease release, List<ValidationIssue> leading,
      List<ValidationIssue> trailing, List<String> unknownSystems) {}

  private CodingVersions() {}

  /** {@code stated}: the version the value set's include for this system names (may be null). */
  static Decision decide(TerminologyStore store, VersionPolicy policy, String system, String stated, CodedInput in) {
    String coding = in.version();
    String wanted = policy.choose(system, stated);
    if (coding != null && wanted != null && !wanted.equals(coding) && CodeSystemResolver.matches(wanted, coding)) {
      wanted = coding;
    } else if (coding != null && wanted == null && CodeSystemResolver.isKnownVersion(store, system, coding)) {
      wanted = coding;
    }
    CodeSystemRelease release = null;
    try {
      release = CodeSystemResolver.resolve(store, system, wanted, policy.date());
    } catch (TerminologyException e) {
      // the caller reports the missing release
    }
    List<ValidationIssue> leading = new ArrayList<>();
    List<ValidationIssue> trailing = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    String violation = release == null ? null : policy.violation(system, release.version());
    if (violation != null) {
      leading.add(new ValidationIssue(MessageId.VALUESET_VERSION_CHECK, violation, in.versionExpression()));
    }
    boolean knownSystem = !store.codeSystemVersions(system).isEmpty();
    if (coding != null && knownSystem && release != null && !CodeSystemResolver.matches(coding, release.version())) {
      // a versionless include only meets the newest release by default: a warning, listed after the errors
      ValidationIssue mismatch = wanted == null
          ? new ValidationIssue(MessageId.VALUESET_VALUE_MISMATCH_DEFAULT,
              MessageId.VALUESET_VALUE_MISMATCH_DEFAULT.text(system, release.version(), coding), in.versionExpression())
          : !wanted.equals(stated)
              ? new ValidationIssue(MessageId.VALUESET_VALUE_MISMATCH_CHANGED, MessageId.VALUESET_VALUE_MISMATCH_CHANGED
                  .text(system, wanted, stated == null ? "" : stated, coding), in.versionExpression())
              : new ValidationIssue(MessageId.VALUESET_VALUE_MISMATCH,
                  MessageId.VALUESET_VALUE_MISMATCH.text(system, wanted, coding), in.versionExpression());
      (wanted == null ? trailing : leading).add(mismatch);
      String latest = policy.latestInstead(store, system, coding);
      if (latest != null) {
        trailing.add(new ValidationIssue(MessageId.UNKNOWN_CODESYSTEM_VERSION, "warning", latest,
            in.versionExpression()));
      } else if (!CodeSystemResolver.isKnownVersion(store, system, coding)) {
        unknown.add(new Canonical(system, coding).toString());
        leading.add(new ValidationIssue(MessageId.UNKNOWN_CODESYSTEM_VERSION, MessageId.UNKNOWN_CODESYSTEM_VERSION
            .text(system, coding, CodeSystemResolver.validVersions(store.codeSystemVersions(system))),
            in.systemExpression()));
      }
    } else if (coding != null && knownSystem && release == null && !coding.equals(wanted)) {
      leading.add(new ValidationIssue(MessageId.VALUESET_VALUE_MISMATCH,
          MessageId.VALUESET_VALUE_MISMATCH.text(system, wanted, coding), in.versionExpression()));
    }
    return new Decision(wanted, release, leading, trailing, unknown);
  }

  /**
   * What to report of a code when the wanted release is missing: the coding's own version when known, else the one
   * the request's rules pick for a versionless include, else the newest.
   */
  static CodeSystemRelease standIn(TerminologyStore store, VersionPolicy policy, String system, CodedInput in) {
    String version = in.version() != null && CodeSystemResolver.isKnownVersion(store, system, in.version())
        ? in.version() : policy.choose(system, null);
    try {
      return CodeSystemResolver.resolve(store, system, version, policy.date());
    } catch (TerminologyException e) {
      return store.codeSystemVersions(system).get(0).release();
    }
  }
}
