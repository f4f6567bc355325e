package org.moltx.app;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.loader.FhirPackage;
import org.moltx.loader.LoadedContent;
import org.moltx.loader.PackageResource;
import org.moltx.model.Canonical;
import org.moltx.store.FallbackSource;
import org.moltx.store.LazyFallback;
import org.moltx.store.TerminologyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CodeSystems and ValueSets of the FHIR NPM packages as a fallback of the served content: indexed at start, each
 * canonical's resources parsed on its first use. Our authored content and official releases win for their canonicals
 * (the package's resource is dropped, and the log says so); the fallback stands in front of the FHIR core
 * terminology, so a package's definition replaces the core's. The packages' ConceptMaps are few: parsed at start.
 */
final class PackageFallback {
  private static final Logger log = LoggerFactory.getLogger(PackageFallback.class);

  private final FallbackSource fallback;
  private final List<ConceptMap> conceptMaps;
  private final Set<String> codeSystemUrls;

  private PackageFallback(FallbackSource fallback, List<ConceptMap> conceptMaps, Set<String> codeSystemUrls) {
    this.fallback = fallback;
    this.conceptMaps = conceptMaps;
    this.codeSystemUrls = codeSystemUrls;
  }

  /**
   * @param own the canonicals our content defines (authored resources and official releases)
   * @param core the fallback behind the packages (the FHIR core terminology), for the log of what they replace
   */
  static PackageFallback of(LoadedContent content, Set<String> own, FallbackSource core, FhirContext fhir) {
    Map<String, List<PackageResource>> byUrl = new LinkedHashMap<>();
    Map<String, String> codeSystemIds = new HashMap<>();
    Map<String, String> valueSetIds = new HashMap<>();
    List<Canonical> codeSystems = new ArrayList<>();
    List<ConceptMap> maps = new ArrayList<>();
    for (FhirPackage p : content.packages()) {
      int shadowed = 0;
      int replacing = 0;
      int notServed = 0;
      for (PackageResource r : p.resources()) {
        if (r.type().equals("ConceptMap")) {
          maps.add((ConceptMap) r.parse(fhir));
          continue;
        }
        if (r.type().equals("CodeSystem") && !served(r)) {
          if ("supplement".equals(r.content())) {
            // a supplement is applied from the store's own content only (useSupplement, tx-resource): listed from
            // a package it would be offered and never applied
            log.info("{}: CodeSystem {} is a supplement: not served from a package", r.source(), r.url());
          } else {
            log.debug("{}: CodeSystem {} has content {}: not served", r.source(), r.url(), r.content());
          }
          notServed++;
          continue;
        }
        if (own.contains(r.url())) {
          shadowed++;
          log.info("{}: {} {}|{} is shadowed by our content, which defines {} (our authored content and official"
              + " releases win over a package)", r.source(), r.type(), r.url(), r.version(), r.url());
          continue;
        }
        if (!byUrl.containsKey(r.url()) && core.defines(r.url())) {
          replacing++;
        }
        byUrl.computeIfAbsent(r.url(), k -> new ArrayList<>()).add(r);
        // a resource without an id is served by its url only
        if (r.type().equals("CodeSystem")) {
          if (r.id() != null) {
            codeSystemIds.putIfAbsent(r.id(), r.url());
          }
          codeSystems.add(new Canonical(r.url(), r.version()));
        } else if (r.id() != null) {
          valueSetIds.putIfAbsent(r.id(), r.url());
        }
      }
      log.info("FHIR package {}: {} resources served, {} shadowed by our content, {} code systems not served (stubs,"
          + " supplements), {} canonicals taken over from the FHIR core terminology", p.id(),
          p.resources().size() - shadowed - notServed, shadowed, notServed, replacing);
    }
    Map<String, String> index = new HashMap<>();
    byUrl.keySet().forEach(url -> index.put(url, url));
    Map<String, List<PackageResource>> parts = Map.copyOf(byUrl);
    FallbackSource fallback = byUrl.isEmpty() ? FallbackSource.NONE : new LazyFallback(() -> index,
        url -> load(parts.get(url), fhir),
        new LazyFallback.Listing(Map.copyOf(codeSystemIds), Map.copyOf(valueSetIds), List.copyOf(codeSystems)));
    Set<String> csUrls = new java.util.HashSet<>();
    codeSystems.forEach(c -> csUrls.add(c.url()));
    return new PackageFallback(fallback, List.copyOf(maps), Set.copyOf(csUrls));
  }

  /** Complete code systems and fragments; not the stubs whose codes the package does not hold. */
  private static boolean served(PackageResource r) {
    return r.content() == null || Set.of("complete", "fragment").contains(r.content());
  }

  /** All the packages' versions of one canonical, as a store of their own. */
  private static TerminologyStore load(List<PackageResource> resources, FhirContext fhir) {
    List<CodeSystem> codeSystems = new ArrayList<>();
    List<ValueSet> valueSets = new ArrayList<>();
    for (PackageResource r : resources) {
      Resource parsed = r.parse(fhir);
      if (parsed instanceof CodeSystem cs) {
        codeSystems.add(cs);
      } else if (parsed instanceof ValueSet vs) {
        valueSets.add(vs);
      }
    }
    return StoreAssembler.assemble(new LoadedContent(List.of(), codeSystems, valueSets, List.of(), Map.of()));
  }

  FallbackSource fallback() {
    return fallback;
  }

  List<ConceptMap> conceptMaps() {
    return conceptMaps;
  }

  /** The urls of the code systems the packages serve. */
  Set<String> codeSystemUrls() {
    return codeSystemUrls;
  }
}
