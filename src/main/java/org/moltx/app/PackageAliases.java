package org.moltx.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.moltx.loader.FhirPackage;
import org.moltx.loader.LoadException;
import org.moltx.loader.PackageNamingSystem;
import org.moltx.store.SystemAliases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system aliases of the served content: our systems' OIDs, and every uniqueId (uri and oid) that a package's
 * NamingSystem registers for a code system we serve. A name that our systems or an earlier package already give to
 * another system stops the load. A package that gives one name to two systems (THO 7.0.1 does, for three OIDs) makes
 * it no alias at all, logged; a NamingSystem that claims the canonical url of a code system we serve is ignored for
 * that name (the code system is its own).
 */
final class PackageAliases {
  private static final Logger log = LoggerFactory.getLogger(PackageAliases.class);

  private PackageAliases() {}

  /** served: whether a code system with this canonical url is served (ours, a package's or the core's). */
  static SystemAliases of(Iterable<FhirPackage> packages, Predicate<String> served) {
    SystemAliases.Builder aliases = SystemAliases.builder();
    for (FhirPackage p : packages) {
      Map<String, List<PackageNamingSystem>> claims = new LinkedHashMap<>();
      for (PackageNamingSystem ns : p.namingSystems()) {
        if (!served.test(ns.canonical())) {
          continue; // a NamingSystem of a code system we do not serve (SNOMED CT, LOINC...)
        }
        for (String alias : ns.aliases()) {
          if (served.test(alias)) {
            log.info("{}: {} is the canonical url of a code system served, not an alias of {}: ignored", ns.source(),
                alias, ns.canonical());
          } else {
            claims.computeIfAbsent(alias, k -> new ArrayList<>()).add(ns);
          }
        }
      }
      int added = 0;
      for (Map.Entry<String, List<PackageNamingSystem>> claim : claims.entrySet()) {
        String alias = claim.getKey();
        List<String> systems = claim.getValue().stream().map(PackageNamingSystem::canonical).distinct().toList();
        if (systems.size() > 1) {
          log.warn("FHIR package {} gives the name {} to {} ({}): ambiguous, not resolved as an alias", p.id(), alias,
              String.join(" and ", systems), claim.getValue().stream().map(PackageNamingSystem::source).toList());
          continue;
        }
        PackageNamingSystem ns = claim.getValue().get(0);
        String other = aliases.add(alias, ns.canonical());
        if (other != null) {
          throw new LoadException(p.file(), 0, "entry " + ns.source().substring(ns.source().indexOf('#') + 1)
              + ": the NamingSystem of " + ns.canonical() + " claims the name " + alias + ", which already names "
              + other);
        }
        added++;
      }
      log.info("FHIR package {}: {} system aliases", p.id(), added);
    }
    return aliases.build();
  }
}
