package org.moltx.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The other names of the code systems served (OIDs as {@code urn:oid:...}, older or alternative URIs), each to its
 * canonical URI: the one home of system aliases. Built once per store, never changed after.
 */
public final class SystemAliases {
  /** The HL7-registered OIDs of the systems of our official releases and authored content. */
  private static final Map<String, String> BUILT_IN = Map.of(
      "urn:oid:2.16.840.1.113883.6.90", "http://hl7.org/fhir/sid/icd-10-cm",
      "urn:oid:2.16.840.1.113883.6.12", "http://www.ama-assn.org/go/cpt",
      "urn:oid:2.16.840.1.113883.6.101", "http://nucc.org/provider-taxonomy",
      "urn:oid:2.16.840.1.113883.6.285", "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
      "urn:oid:2.16.840.1.113883.15.5",
      "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set");

  public static final SystemAliases DEFAULT = new SystemAliases(BUILT_IN);

  private final Map<String, String> canonicalByAlias;

  private SystemAliases(Map<String, String> canonicalByAlias) {
    this.canonicalByAlias = Map.copyOf(canonicalByAlias);
  }

  /** The canonical URI for a system given by its canonical or by an alias; null for null. */
  public String canonical(String system) {
    return system == null ? null : canonicalByAlias.getOrDefault(system, system);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects aliases; a name claimed for two different systems is a conflict the caller reports. */
  public static final class Builder {
    private final Map<String, String> aliases = new HashMap<>(BUILT_IN);

    /** Registers the alias; returns the other canonical that already has it, or null when it is free or the same. */
    public String add(String alias, String canonical) {
      String had = aliases.putIfAbsent(alias, canonical);
      return had == null || had.equals(canonical) ? null : had;
    }

    public SystemAliases build() {
      return new SystemAliases(aliases);
    }
  }
}
