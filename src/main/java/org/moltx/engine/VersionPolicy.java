package org.moltx.engine;

import java.util.Map;

/**
 * Which code system versions an expansion or validation uses: {@code force} overrides every other version,
 * {@code defaults} apply where the value set names none, {@code check} must match what the value set names.
 * Keys are system URIs; values versions.
 */
public record VersionPolicy(Map<String, String> defaults, Map<String, String> check, Map<String, String> force) {
  public static final VersionPolicy NONE = new VersionPolicy(Map.of(), Map.of(), Map.of());

  /** The version to use for a system that a value set names with {@code stated} (may be null). */
  public String versionFor(String system, String stated) {
    if (force.containsKey(system)) {
      return force.get(system);
    }
    if (stated != null) {
      String required = check.get(system);
      if (required != null && !CodeSystemResolver.matches(required, stated)) {
        throw new TerminologyException(Problem.VERSION_ERROR, "The version '" + stated + "' is not allowed for system '"
            + system + "': required to be '" + required + "' by a version-check parameter", null);
      }
      return stated;
    }
    // a check pattern also chooses among the versions when the value set names none
    return defaults.containsKey(system) ? defaults.get(system) : check.get(system);
  }
}
