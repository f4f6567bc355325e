package org.moltx.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.Canonical;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.Designation;
import org.moltx.store.TerminologyStore;

/**
 * $validate-code for CodeSystem and ValueSet. An unknown code is a result (false), not an error; messages and
 * issue codes follow the HL7 terminology ecosystem conventions.
 */
public final class ValidateService {
  /**
   * CPT displays are our paraphrases, so a display that differs from one is only a warning; unless a licensee loaded
   * the AMA descriptor file: the displays it gave are official, and a wrong one is an error as in any code system.
   */
  private static final String CPT = "http://www.ama-assn.org/go/cpt";

  public ValidateResult validate(TerminologyStore store, ValidateRequest req) {
    if (req.codings().isEmpty()) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No code to validate: supply code and system, coding or "
          + "codeableConcept", "code");
    }
    if (!req.codeableConcept()) {
      return validateOne(store, req, req.codings().get(0));
    }
    List<ValidateResult> results = new ArrayList<>();
    for (CodedInput c : req.codings()) {
      results.add(validateOne(store, req, c));
    }
    ValidateResult valid = results.stream().filter(ValidateResult::result).findFirst().orElse(null);
    List<ValidationIssue> issues = new ArrayList<>();
    List<ValidationIssue> information = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    // a coding whose concept was found and that no include refused counts as in the value set
    boolean anyMember = results.stream().anyMatch(r -> r.display() != null
        && r.issues().stream().noneMatch(i -> i.isError() && i.txType().equals("not-in-vs")));
    // a value set that could not be evaluated (an import missing) says so itself: no 'no valid coding' on top
    boolean brokenValueSet = results.stream().anyMatch(r -> r.system() == null
        && r.issues().stream().anyMatch(i -> i.txType().equals("not-found")));
    if (valid == null && req.valueSet() != null && !anyMember && !brokenValueSet) {
      issues.add(new ValidationIssue(MessageId.TX_GENERAL_CC_ERROR_MESSAGE,
          MessageId.TX_GENERAL_CC_ERROR_MESSAGE.text(canonical(req.valueSet())), null));
    }
    for (ValidateResult r : results) {
      unknown.addAll(r.unknownSystems());
      outside.addAll(r.unknownSystemsOutsideValueSet());
      for (ValidationIssue i : r.issues()) {
        if (i.txType().equals("not-in-vs") && req.valueSet() != null) {
          // inside a codeableConcept one coding outside the value set is information, not an error
          information.add(new ValidationIssue("information", i.type(), "this-code-not-in-vs", i.text(), i.expression(),
              i.inMessage(), i.messageId()));
        } else if (valid != null && i.isError() && r != valid && !i.txType().equals("invalid-code")) {
          // another coding is valid: this one's problems are warnings, except a code its system does not have
          issues.add(i.withSeverity("warning"));
        } else {
          issues.add(i);
        }
      }
    }
    issues.addAll(information);
    if (valid != null && issues.stream().anyMatch(ValidationIssue::isError)) {
      // the valid coding is reported, but the codeableConcept as a whole is not valid
      return new ValidateResult(false, valid.system(), valid.version(), valid.code(), valid.display(), valid.inactive(),
          issues, unknown, outside, valid.status(), valid.normalizedCode());
    }
    if (valid == null) {
      // report the concept a coding did find, if any, so the client sees what it was
      // (only a concept of the value set: a coding outside it says nothing about the value set's concept)
      ValidateResult found = !anyMember && req.valueSet() != null ? null
          : results.stream().filter(r -> r.display() != null).findFirst().orElse(null);
      if (found == null) {
        return new ValidateResult(false, null, null, null, null, false, issues, unknown, outside);
      }
      // a stand-in release's concept is only a hint: no code or system is claimed for it
      return found.standIn()
          ? new ValidateResult(false, null, found.version(), null, found.display(), false, issues, unknown, outside)
          : new ValidateResult(false, found.system(), found.version(), found.code(), found.display(), found.inactive(),
              issues, unknown, outside);
    }
    return new ValidateResult(true, valid.system(), valid.version(), valid.code(), valid.display(), valid.inactive(),
        issues, unknown, outside, valid.status(), valid.normalizedCode());
  }

  private ValidateResult validateOne(TerminologyStore store, ValidateRequest req, CodedInput in) {
    List<ValidationIssue> issues = new ArrayList<>();
    List<String> unknownSystems = new ArrayList<>();
    ValueSet vs = req.valueSet();
    if (in.code() == null || in.code().isBlank()) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No code given in " + in.path(), in.codeExpression());
    }
    String system = store.canonicalSystem(in.system());
    if (system == null && vs != null && !in.path().equals("code")) {
      // a Coding without a system has no defined meaning: nothing to infer it from
      issues.add(notInValueSet("#" + in.code(), vs, in));
      issues.add(new ValidationIssue(MessageId.CODING_HAS_NO_SYSTEM, MessageId.CODING_HAS_NO_SYSTEM.text(), in.path()));
      return new ValidateResult(false, null, null, in.code(), null, false, issues, unknownSystems);
    }
    if (system == null && vs != null) {
      List<String> candidates = inferSystem(store, req, in);
      system = candidates.size() == 1 ? candidates.get(0) : null;
      if (system == null) {
        MessageId id = candidates.size() > 1 ? MessageId.UNABLE_TO_RESOLVE_SYSTEM_MULTIPLE_MATCHES
            : MessageId.UNABLE_TO_INFER_CODESYSTEM;
        issues.add(new ValidationIssue(id, id.text(in.code(), canonical(vs), candidates), in.codeExpression()));
        issues.add(notInValueSet("#" + in.code(), vs, in));
        return new ValidateResult(false, null, null, in.code(), null, false, issues, unknownSystems);
      }
    }
    if (system == null) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No system given for code '" + in.code() + "'",
          in.systemExpression());
    }
    ValidateResult refused = refuseSystem(store, vs, in, system, issues);
    if (refused != null) {
      return refused;
    }
    CodeSystemRelease release;
    if (vs == null) {
      release = codeSystemRelease(store, req, in, system, issues, unknownSystems);
      if (release == null) {
        return releaseNotFound(store, req, in, system, issues, unknownSystems);
      }
    } else {
      CodingVersions.Decision decision = CodingVersions.decide(store, req.versions(), system,
          includeVersion(store, req, system, in), in);
      issues.addAll(decision.leading());
      unknownSystems.addAll(decision.unknownSystems());
      release = decision.release();
      if (release == null) {
        return missingRelease(store, req, in, system, decision, issues, unknownSystems);
      }
      issues.addAll(decision.trailing());
    }
    int i = release.indexOf(in.code());
    Membership membership = null;
    List<ValidationIssue> statusNotes = new ArrayList<>();
    if (vs != null) {
      // the version rules' check was reported above, as an issue of this answer
      ComposeEvaluator evaluator = new ComposeEvaluator(store, req.versions().reportingChecks(), null);
      try {
        membership = evaluator.contains(vs, system, release.version(), in.code());
        for (StatusFlag f : evaluator.flagged()) {
          statusNotes.add(f.issue());
        }
      } catch (TerminologyException e) {
        if (e.problem() != Problem.UNKNOWN_RESOURCE) {
          throw e;
        }
        // a value set the value set includes is missing: the code cannot be in it
        // the value set cannot be evaluated, so nothing is said about the concept either
        issues.add(ValidationIssue.notFound(e, null));
        return new ValidateResult(false, null, null, null, null, false, issues, unknownSystems);
      }
      if (membership.release() != null && membership.release() != release) {
        release = membership.release();
        i = membership.index();
      }
      if (!membership.member() && i >= 0 && release.isInactive(i) && ComposeEvaluator.excludesInactive(vs)) {
        issues.add(new ValidationIssue(MessageId.STATUS_CODE_WARNING_CODE,
            MessageId.STATUS_CODE_WARNING_CODE.text(in.code()), in.codeExpression()));
      }
      if (!membership.member()) {
        issues.add(notInValueSet(label(system, in) + (in.display() != null ? " ('" + in.display() + "')" : ""), vs, in));
      }
    }
    if (i < 0) {
      return unknownCode(store, vs, in, system, release, issues, unknownSystems);
    }
    boolean paraphrase = CPT.equals(release.url())
        && !store.hasLicensedDisplay(release.url(), release.version(), release.code(i));
    String display = checkDisplay(req, in, system, release, i, paraphrase, issues);
    if (release.isAbstract(i) && !req.abstractAllowed()) {
      issues.add(new ValidationIssue(MessageId.ABSTRACT_CODE_NOT_ALLOWED,
          MessageId.ABSTRACT_CODE_NOT_ALLOWED.text(system + "#" + in.code()), in.codeExpression()));
      if (vs != null && issues.stream().noneMatch(x -> x.txType().equals("not-in-vs"))) {
        // where abstract codes are not allowed, the value set does not offer this one
        issues.add(notInValueSet(label(system, in), vs, in));
      }
    }
    boolean inactive = release.isInactive(i);
    String status = statusFindings(store, in, system, vs, release, i, issues);
    String normalized = null;
    if (!release.code(i).equals(in.code())) {
      // found through the code system's case insensitivity: say so, and give the code as the system has it
      normalized = release.code(i);
      issues.add(new ValidationIssue(MessageId.CODE_CASE_DIFFERENCE, MessageId.CODE_CASE_DIFFERENCE.text(in.code(),
          normalized, new Canonical(system, release.version())), in.codeExpression()));
    }
    boolean ok = issues.stream().noneMatch(ValidationIssue::isError);
    statusNotes.addAll(issues);
    return new ValidateResult(ok, system, release.version(), in.code(), display, inactive, statusNotes,
        unknownSystems, List.of(), status, normalized);
  }

  /**
   * A system that is not a code system to validate against: a value set's URL, a local reference (only noted), or a
   * supplement. Returns the answer when validation cannot go on, else null.
   */
  private static ValidateResult refuseSystem(TerminologyStore store, ValueSet vs, CodedInput in, String system,
      List<ValidationIssue> issues) {
    if (vs != null && !store.valueSetVersions(system).isEmpty() && store.codeSystemVersions(system).isEmpty()) {
      issues.add(notInValueSet(label(system, in), vs, in));
      issues.add(new ValidationIssue(MessageId.TERMINOLOGY_TX_SYSTEM_VALUESET,
          MessageId.TERMINOLOGY_TX_SYSTEM_VALUESET.text(system), in.systemExpression()));
      return new ValidateResult(false, system, null, in.code(), null, false, issues, List.of());
    }
    if (!isAbsolute(system)) {
      issues.add(new ValidationIssue(MessageId.TERMINOLOGY_TX_SYSTEM_RELATIVE,
          MessageId.TERMINOLOGY_TX_SYSTEM_RELATIVE.text(in.systemExpression()), in.systemExpression()));
    }
    if (store.codeSystemVersions(system).isEmpty() && !store.supplementVersions(system).isEmpty()) {
      // a supplement only adds to its base code system: it has no codes of its own to validate against
      var supplement = store.supplementVersions(system).get(0);
      issues.add(new ValidationIssue(MessageId.CODESYSTEM_CS_NO_SUPPLEMENT, MessageId.CODESYSTEM_CS_NO_SUPPLEMENT.text(
          new Canonical(system, supplement.hasVersion() ? supplement.getVersion() : null), in.systemExpression()),
          in.systemExpression()));
      return new ValidateResult(false, system, null, in.code(), null, false, issues, List.of());
    }
    return null;
  }

  /**
   * The display findings: a wrong display is an error naming the right ones (a warning when the display is our
   * {@code paraphrase}, or when lenient), in the asked language when there is one; a retired designation still
   * matches, with a note. Returns the display to report.
   */
  private static String checkDisplay(ValidateRequest req, CodedInput in, String system, CodeSystemRelease release, int i,
      boolean paraphrase, List<ValidationIssue> issues) {
    List<Designation> candidates = displays(release, i);
    List<Designation> inLanguage = req.displayLanguage() == null ? candidates
        // a display of no stated language (nor the code system's) may be in any language
        : candidates.stream().filter(d -> d.language() == null || Languages.matches(d.language(), req.displayLanguage()))
            .toList();
    String display = inLanguage.isEmpty() ? release.display(i) : inLanguage.get(0).value();
    // with a display language, only the displays in that language are right (when the concept has any)
    List<Designation> acceptable = req.displayLanguage() == null || inLanguage.isEmpty() ? candidates : inLanguage;
    if (in.display() != null && req.displayLanguage() != null && inLanguage.isEmpty()
        && candidates.stream().anyMatch(d -> d.value().equals(in.display()) && d.language() != null)) {
      issues.add(new ValidationIssue(MessageId.NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK,
          MessageId.NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK.text(system + "#" + in.code(), req.displayLanguage(),
              in.display()), in.displayExpression()));
    }
    if (in.display() != null && acceptable.stream().noneMatch(d -> d.value().equals(in.display()))) {
      boolean warning = req.lenientDisplay() || paraphrase;
      String languages = req.displayLanguage() == null ? "--" : req.displayLanguage();
      String valid = inLanguage.isEmpty()
          ? "There are no valid display names found for language(s) '" + languages + "'. Default display is '"
              + release.display(i) + "'"
          : describe(inLanguage) + " (for the language(s) '" + languages + "')";
      // only whitespace apart from a display that is right (in the asked language, when there is one)
      boolean onlyWhitespace = acceptable.stream().anyMatch(d -> normalise(d.value()).equals(normalise(in.display())));
      MessageId id = onlyWhitespace ? MessageId.DISPLAY_NAME_WHITESPACE
          : inLanguage.isEmpty() ? MessageId.NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR : MessageId.DISPLAY_NAME_WRONG;
      issues.add(new ValidationIssue(id, warning ? "warning" : "error", id.text(in.display(), system + "#" + in.code(),
          valid), in.displayExpression()));
    }
    Designation matched = in.display() == null ? null
        : acceptable.stream().filter(d -> d.value().equals(in.display())).findFirst().orElse(null);
    if (matched != null && retired(matched)) {
      // a designation marked deprecated or withdrawn still matches, with a note (which the ecosystem words as
      // deprecated for both) naming the displays that are current
      String current = candidates.stream().filter(d -> !retired(d)).map(d -> "\"" + d.value() + "\"")
          .collect(java.util.stream.Collectors.joining(", "));
      issues.add(new ValidationIssue(MessageId.INACTIVE_DISPLAY_FOUND,
          MessageId.INACTIVE_DISPLAY_FOUND.text(in.display(), in.code(), current), in.displayExpression()).notInMessage());
    }
    return display;
  }

  /**
   * What the concept's status says: inactive (with its status, such as retired), deprecated, or deprecated by the
   * value set that lists it. Returns the status to report, or null.
   */
  private static String statusFindings(TerminologyStore store, CodedInput in, String system, ValueSet vs,
      CodeSystemRelease release, int i, List<ValidationIssue> issues) {
    boolean inactive = release.isInactive(i);
    String inactiveStatus = null;
    if (inactive) {
      String status = java.util.Arrays.stream(release.conceptProperties(i)).filter(cp -> cp.code().equals("status"))
          .map(cp -> String.valueOf(cp.value())).filter(s -> !s.equals("inactive")).findFirst().orElse(null);
      issues.add(new ValidationIssue(MessageId.INACTIVE_CONCEPT_FOUND, MessageId.INACTIVE_CONCEPT_FOUND.text(in.code(),
          (status != null ? status + " and " : "") + "inactive"), in.path()));
      inactiveStatus = status;
    }
    boolean deprecated = !inactive && java.util.Arrays.stream(release.conceptProperties(i))
        .anyMatch(cp -> cp.code().equals("status") && "deprecated".equals(cp.value()));
    if (deprecated) {
      issues.add(new ValidationIssue(MessageId.DEPRECATED_CONCEPT_FOUND,
          MessageId.DEPRECATED_CONCEPT_FOUND.text(in.code()), in.path()));
    }
    String statusInValueSet = vs == null ? null : statusInValueSet(store, vs, system, release.code(i));
    if (statusInValueSet != null) {
      issues.add(new ValidationIssue(MessageId.CONCEPT_DEPRECATED_IN_VALUESET, MessageId.CONCEPT_DEPRECATED_IN_VALUESET
          .text(in.code(), system, canonical(vs), statusInValueSet), in.codeExpression()).notInMessage());
    }
    return deprecated ? "deprecated" : inactiveStatus;
  }

  /** $validate-code on a code system whose release is missing: what the newest release (if any) says of the code. */
  private static ValidateResult releaseNotFound(TerminologyStore store, ValidateRequest req, CodedInput in,
      String system, List<ValidationIssue> issues, List<String> unknownSystems) {
    if (store.codeSystemVersions(system).isEmpty()) {
      String chosen = req.versions().choose(system, null);
      return new ValidateResult(false, system, chosen != null ? chosen : in.version(), in.code(), null, false,
          issues, unknownSystems);
    }
    // report what the newest release says of the code, as the ecosystem's servers do
    CodeSystemRelease newest = store.codeSystemVersions(system).get(0).release();
    int found = newest.indexOf(in.code());
    return new ValidateResult(false, system, newest.version(), in.code(), found < 0 ? null : newest.display(found),
        false, issues, unknownSystems);
  }

  /**
   * A code the release does not have: an error, or only a warning in a fragment, which may lack valid codes. Such a
   * code may then be in a value set that includes the whole fragment system, not in one that lists (or filters) others.
   */
  private static ValidateResult unknownCode(TerminologyStore store, ValueSet vs, CodedInput in, String system,
      CodeSystemRelease release, List<ValidationIssue> issues, List<String> unknownSystems) {
    if ("fragment".equals(release.info().content())) {
      if (vs == null || includesWholeSystem(store, vs, system, in.code())) {
        issues.removeIf(x -> x.txType().equals("not-in-vs"));
      }
      issues.add(new ValidationIssue(MessageId.UNKNOWN_CODE_IN_FRAGMENT, MessageId.UNKNOWN_CODE_IN_FRAGMENT.text(
          in.code(), system, release.version()), in.codeExpression()).notInMessage());
      return new ValidateResult(issues.stream().noneMatch(ValidationIssue::isError), system, release.version(),
          in.code(), null, false, issues, unknownSystems);
    }
    issues.add(new ValidationIssue(MessageId.UNKNOWN_CODE_IN_VERSION, MessageId.UNKNOWN_CODE_IN_VERSION.text(in.code(),
        system, release.version(), Hints.forUnknownCode(store, release, in.code(), in.version() != null)),
        in.codeExpression()));
    return new ValidateResult(false, system, release.version(), in.code(), null, false, issues, unknownSystems);
  }

  /** $validate-code on a code system: the release the rules or the coding name, or null after reporting it missing. */
  private static CodeSystemRelease codeSystemRelease(TerminologyStore store, ValidateRequest req, CodedInput in,
      String system, List<ValidationIssue> issues, List<String> unknownSystems) {
    String chosen = req.versions().choose(system, null);
    if (chosen == null) {
      chosen = in.version();
      String latest = req.versions().latestInstead(store, system, chosen);
      if (latest != null) {
        issues.add(new ValidationIssue(MessageId.UNKNOWN_CODESYSTEM_VERSION, "warning", latest,
            in.versionExpression()));
        chosen = null;
      }
    }
    try {
      CodeSystemRelease release = CodeSystemResolver.resolve(store, system, chosen, req.versions().date());
      String violation = req.versions().violation(system, release.version());
      if (violation != null) {
        issues.add(new ValidationIssue(MessageId.VALUESET_VERSION_CHECK, violation, in.versionExpression()));
      }
      return release;
    } catch (TerminologyException e) {
      boolean noSuchSystem = store.codeSystemVersions(system).isEmpty();
      unknownSystems.add(new Canonical(system, !noSuchSystem ? chosen : null).toString());
      issues.add(ValidationIssue.notFound(e, in.systemExpression()));
      return null;
    }
  }

  /**
   * The release the value set needs is missing: say so, and report what a stand-in release says of the code, as the
   * ecosystem's servers do.
   */
  private static ValidateResult missingRelease(TerminologyStore store, ValidateRequest req, CodedInput in,
      String system, CodingVersions.Decision decision, List<ValidationIssue> issues, List<String> unknownSystems) {
    ValueSet vs = req.valueSet();
    String wanted = decision.wanted();
    boolean noSuchSystem = store.codeSystemVersions(system).isEmpty();
    if (noSuchSystem && vs.getCompose().getInclude().stream().noneMatch(inc -> store.isSystem(inc.getSystem(), system))) {
      // the value set does not even name this system: the code is certainly not in it (x-unknown-system)
      issues.add(notInValueSet(label(system, in), vs, in));
      // nothing chose a version: the coding's own one is what could not be found
      issues.add(notFound(store, system, wanted != null ? wanted : in.version(), req.versions().date(),
          in.systemExpression()));
      return new ValidateResult(false, system, wanted, in.code(), null, false, issues, List.of(), List.of(system));
    }
    String key = new Canonical(system, !noSuchSystem ? wanted : null).toString();
    if (!unknownSystems.contains(key)) {
      unknownSystems.add(key);
      issues.add(notFound(store, system, wanted, req.versions().date(), in.systemExpression()));
    }
    issues.addAll(decision.trailing());
    if (noSuchSystem) {
      return new ValidateResult(false, system, wanted, in.code(), null, false, issues, unknownSystems);
    }
    CodeSystemRelease standIn = CodingVersions.standIn(store, req.versions(), system, in);
    int found = standIn.indexOf(in.code());
    return new ValidateResult(false, system, standIn.version(), in.code(), found < 0 ? null : standIn.display(found),
        false, issues, unknownSystems).asStandIn();
  }

  /**
   * Whether the value set includes all of the system (an include without concepts, filters or value sets) and does not
   * exclude the code by name or exclude the whole system.
   */
  private static boolean includesWholeSystem(TerminologyStore store, ValueSet vs, String system, String code) {
    boolean whole = vs.getCompose().getInclude().stream().anyMatch(inc -> store.isSystem(inc.getSystem(), system)
        && !inc.hasConcept() && !inc.hasFilter() && !inc.hasValueSet());
    boolean excluded = vs.getCompose().getExclude().stream().anyMatch(exc -> store.isSystem(exc.getSystem(), system)
        && !exc.hasValueSet() && (!exc.hasConcept() && !exc.hasFilter()
            || exc.getConcept().stream().anyMatch(c -> code.equals(c.getCode()))));
    return whole && !excluded;
  }

  /** The resolver's finding for a release that is not there (date: the day a versionless one must cover). */
  private static ValidationIssue notFound(TerminologyStore store, String system, String version,
      java.time.LocalDate date, String expression) {
    try {
      CodeSystemResolver.resolve(store, system, version, date);
      return new ValidationIssue("error", "not-found", "not-found", null, expression, true, null);
    } catch (TerminologyException e) {
      return ValidationIssue.notFound(e, expression);
    }
  }

  private static boolean retired(Designation d) {
    return d.extensions() != null && d.extensions().stream().anyMatch(x -> x.url().equals(StatusFlags.STANDARDS_STATUS)
        && ("deprecated".equals(x.value()) || "withdrawn".equals(x.value())));
  }

  /**
   * The status the value set gives its entry for the concept: deprecated by the valueset-deprecated extension, or
   * the entry's standards status (deprecated, withdrawn); null when it gives none.
   */
  private static String statusInValueSet(TerminologyStore store, ValueSet vs, String system, String code) {
    for (ValueSet.ConceptSetComponent inc : vs.getCompose().getInclude()) {
      for (ValueSet.ConceptReferenceComponent c : store.isSystem(inc.getSystem(), system) ? inc.getConcept()
          : List.<ValueSet.ConceptReferenceComponent>of()) {
        if (!code.equals(c.getCode())) {
          continue;
        }
        var deprecated = c.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/valueset-deprecated");
        if (deprecated != null && deprecated.getValue() != null && "true".equals(deprecated.getValue().primitiveValue())) {
          return "deprecated";
        }
        var standards = c.getExtensionByUrl(StatusFlags.STANDARDS_STATUS);
        if (standards != null && standards.getValue() != null && List.of("deprecated", "withdrawn")
            .contains(standards.getValue().primitiveValue())) {
          return standards.getValue().primitiveValue();
        }
      }
    }
    return null;
  }

  /** A URI with a scheme (http:, urn:, ...); 'Location1' is a local reference, not a code system. */
  private static boolean isAbsolute(String system) {
    return system.matches("[A-Za-z][A-Za-z0-9+.-]*:.+");
  }

  /**
   * The version the value set's includes of this system name, if any. A value set may include several versions:
   * the one the coding names; else the newest whose include holds the code, and whose display matches when the
   * coding gives one.
   */
  private static String includeVersion(TerminologyStore store, ValidateRequest req, String system, CodedInput in) {
    ValueSet vs = req.valueSet();
    List<String> versions = vs.getCompose().getInclude().stream().filter(inc -> store.isSystem(inc.getSystem(), system)
        && inc.hasVersion()).map(ValueSet.ConceptSetComponent::getVersion).distinct().toList();
    if (versions.size() <= 1) {
      return versions.isEmpty() ? null : versions.get(0);
    }
    if (in.version() != null) {
      return versions.stream().filter(v -> CodeSystemResolver.matches(v, in.version())).findFirst()
          .orElse(versions.get(0));
    }
    List<String> newestFirst = versions.stream().sorted(org.moltx.store.Versions.ORDER.reversed()).toList();
    String firstMember = null;
    for (String v : newestFirst) {
      Membership m;
      try {
        m = new ComposeEvaluator(store, req.versions().reportingChecks(), null).contains(vs, system, v, in.code());
      } catch (TerminologyException e) {
        continue; // an include of a version we do not have is reported when it is used
      }
      if (!m.member()) {
        continue;
      }
      firstMember = firstMember == null ? v : firstMember;
      if (in.display() == null || displays(m.release(), m.index()).stream().anyMatch(d -> d.value().equals(in.display()))) {
        return v;
      }
    }
    return firstMember != null ? firstMember : newestFirst.get(0);
  }

  /** system|version#code as the coding states it, for messages. */
  private static String label(String system, CodedInput in) {
    return new Canonical(system, in.version()) + "#" + in.code();
  }

  private static ValidationIssue notInValueSet(String coding, ValueSet vs, CodedInput in) {
    return new ValidationIssue(MessageId.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET,
        MessageId.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET.text(coding, canonical(vs)), in.codeExpression());
  }

  /**
   * A code without a system: the value set's only system, or the systems whose includes hold the code (more than
   * one: it cannot be inferred).
   */
  private static List<String> inferSystem(TerminologyStore store, ValidateRequest req, CodedInput in) {
    Set<String> systems = new LinkedHashSet<>();
    req.valueSet().getCompose().getInclude().stream().filter(ValueSet.ConceptSetComponent::hasSystem)
        .forEach(inc -> systems.add(inc.getSystem()));
    if (!req.inferSystem() && systems.size() != 1) {
      return List.of();
    }
    List<String> members = new ArrayList<>();
    for (String s : systems) {
      ComposeEvaluator evaluator = new ComposeEvaluator(store, req.versions().reportingChecks(), null);
      try {
        if (evaluator.contains(req.valueSet(), s, in.version(), in.code()).member()) {
          members.add(s);
        }
      } catch (TerminologyException e) {
        // a system we cannot resolve cannot be the one
      }
    }
    // without inferSystem, a value set of one system means that system, member or not
    return !members.isEmpty() || req.inferSystem() ? members : List.of(systems.iterator().next());
  }

  /** The concept's display (in the code system's language) and its designations, as display candidates. */
  private static List<Designation> displays(CodeSystemRelease r, int i) {
    List<Designation> out = new ArrayList<>();
    if (r.display(i) != null) {
      out.add(new Designation(r.info().language(), null, r.display(i)));
    }
    for (Designation d : r.designations(i)) {
      if (!isDisplay(d)) {
        continue; // a designation of another kind (an abbreviation, a legacy name...) is not a display
      }
      if (out.stream().noneMatch(o -> o.value().equals(d.value()) && java.util.Objects.equals(o.language(), d.language()))) {
        out.add(d);
      }
    }
    return out;
  }

  /** A designation without a use, or used as a display (designation-usage, preferredForLanguage, SNOMED synonyms). */
  private static boolean isDisplay(Designation d) {
    return d.use() == null || DISPLAY_USES.contains(d.use().code());
  }

  private static final Set<String> DISPLAY_USES = Set.of("display", "preferredForLanguage", "900000000000013009",
      "900000000000003001");

  /** "Valid display is 'A' (en)" or "Valid display is one of 2 choices: 'A' (en) or 'B' (de)". */
  private static String describe(List<Designation> displays) {
    List<String> parts = displays.stream()
        .map(d -> "'" + d.value() + "'" + (d.language() != null ? " (" + d.language() + ")" : "")).toList();
    if (parts.size() == 1) {
      return "Valid display is " + parts.get(0);
    }
    return "Valid display is one of " + parts.size() + " choices: " + String.join(", ", parts.subList(0, parts.size() - 1))
        + " or " + parts.get(parts.size() - 1);
  }

  private static String normalise(String s) {
    return s == null ? "" : s.trim().replaceAll("\\s+", " ");
  }

  static String canonical(ValueSet vs) {
    if (!vs.hasUrl()) {
      return "(unidentified)"; // an inline value set without a url
    }
    return vs.getUrl() + (vs.hasVersion() ? "|" + vs.getVersion() : "");
  }
}
