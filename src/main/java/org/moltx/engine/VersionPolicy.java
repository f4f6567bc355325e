package org.moltx.engine;

import java.time.LocalDate;
import java.util.Map;
import org.moltx.model.Canonical;
import org.moltx.store.TerminologyStore;

/**
 * Which code system versions an expansion or validation uses: {@code force} overrides every other version,
 * {@code defaults} apply where the value set names none, {@code check} must match the release actually used.
 * Keys are system URIs; values versions or patterns (1.0.x). {@code valueSets} (default-valueset-version) pins the
 * version of a value set that a compose imports without naming one; keys are value set URLs.
 *
 * <p>{@code enforceCheck} false means a caller reports check violations itself (validation makes them an issue
 * of a 200 answer), so resolving must not fail on them.
 *
 * <p>{@code latestForUnknown} (default-to-latest-version): a version the server does not have of a code system it
 * does have is answered from the newest release, with a warning, instead of failing.
 *
 * <p>{@code date} (the operations' date parameter, null for none): where nothing names a version, the release in
 * effect on that day (ICD-10-CM's fiscal years) instead of the newest; no release in effect then is an error. A
 * version that something names (the value set, a rule, the coding) is used whatever the date.
 */
public record VersionPolicy(Map<String, String> defaults, Map<String, String> check, Map<String, String> force,
    Map<String, String> valueSets, boolean enforceCheck, boolean latestForUnknown, LocalDate date) {
  public static final VersionPolicy NONE = new VersionPolicy(Map.of(), Map.of(), Map.of());

  public VersionPolicy(Map<String, String> defaults, Map<String, String> check, Map<String, String> force) {
    this(defaults, check, force, Map.of(), true, false, null);
  }

  public VersionPolicy(Map<String, String> defaults, Map<String, String> check, Map<String, String> force,
      Map<String, String> valueSets, boolean enforceCheck, boolean latestForUnknown) {
    this(defaults, check, force, valueSets, enforceCheck, latestForUnknown, null);
  }

  /** This policy, with check violations left for the caller to report. */
  public VersionPolicy reportingChecks() {
    return new VersionPolicy(defaults, check, force, valueSets, false, latestForUnknown, date);
  }

  /** This policy, answering a version the server lacks from the newest release (default-to-latest-version). */
  public VersionPolicy withLatestForUnknown(boolean latest) {
    return new VersionPolicy(defaults, check, force, valueSets, enforceCheck, latest, date);
  }

  /**
   * The warning for answering from the newest release because {@code version} of {@code system} is not here, or
   * null when the policy does not do that or the version is here (or the system is not). Reported as
   * {@link MessageId#UNKNOWN_CODESYSTEM_VERSION}, of severity warning.
   */
  public String latestInstead(TerminologyStore store, String system, String version) {
    if (!latestForUnknown || version == null || store.codeSystemVersions(system).isEmpty()
        || CodeSystemResolver.isKnownVersion(store, system, version)) {
      return null;
    }
    return "A definition for CodeSystem '" + system + "' version '" + version + "' could not be found; the latest "
        + "version '" + store.codeSystemVersions(system).get(0).release().version() + "' was used instead "
        + "(default-to-latest-version)";
  }

  /** An imported value set's canonical, with the default-valueset-version pin when it names no version. */
  public String pinValueSet(String canonical) {
    Canonical c = Canonical.parse(canonical);
    return c.version() != null || !valueSets.containsKey(canonical) ? canonical
        : c.withVersion(valueSets.get(canonical)).toString();
  }

  /**
   * The version (or pattern) to look for when the value set states {@code stated} (may be null): force, else the
   * stated one, else the default, else the check pattern, which then also chooses among the versions.
   */
  public String choose(String system, String stated) {
    if (force.containsKey(system)) {
      return force.get(system);
    }
    if (stated != null) {
      return stated;
    }
    return defaults.containsKey(system) ? defaults.get(system) : check.get(system);
  }

  /**
   * The version-error text ({@link MessageId#VALUESET_VERSION_CHECK}) when a check-system-version rule forbids the
   * release {@code found}, else null.
   */
  public String violation(String system, String found) {
    String required = check.get(system);
    if (required == null || found == null || CodeSystemResolver.matches(required, found)) {
      return null;
    }
    return MessageId.VALUESET_VERSION_CHECK.text(found, system, required);
  }

  /** Fails with a version-error when a check rule forbids the release {@code found} (unless reporting checks). */
  public void enforce(String system, String found) {
    String violation = enforceCheck ? violation(system, found) : null;
    if (violation != null) {
      throw new TerminologyException(Problem.VERSION_ERROR, MessageId.VALUESET_VERSION_CHECK, violation, null);
    }
  }
}
