package org.moltx.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.Canonical;
import org.moltx.model.CodeSystemRelease;

/**
 * The loaded terminology, indexed by canonical url and version. A store may sit on a parent: a request's
 * tx-resources form a small store in front of the loaded content, consulted first and dropped with the request.
 */
public final class TerminologyStore {
  /** HL7-registered OIDs accepted in place of the canonical system URIs. */
  private static final Map<String, String> SYSTEM_ALIASES = Map.of(
      "urn:oid:2.16.840.1.113883.6.90", "http://hl7.org/fhir/sid/icd-10-cm",
      "urn:oid:2.16.840.1.113883.6.12", "http://www.ama-assn.org/go/cpt",
      "urn:oid:2.16.840.1.113883.6.101", "http://nucc.org/provider-taxonomy",
      "urn:oid:2.16.840.1.113883.6.285", "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets");

  private final TerminologyStore parent;
  /** Consulted, at the root, for a canonical no store of the chain defines. */
  private final FallbackSource fallback;
  private final Map<String, List<StoredCodeSystem>> codeSystems = new LinkedHashMap<>();
  private final Map<String, List<ValueSet>> valueSets = new LinkedHashMap<>();
  private final Map<String, List<ConceptMapIndex>> conceptMaps = new LinkedHashMap<>();
  /** CodeSystems with content=supplement: not code systems of their own, only folded into their base on request. */
  private final Map<String, List<CodeSystem>> supplements = new LinkedHashMap<>();

  private TerminologyStore(TerminologyStore parent, FallbackSource fallback) {
    this.parent = parent;
    this.fallback = fallback;
  }

  public static TerminologyStore empty() {
    return empty(FallbackSource.NONE);
  }

  /** An empty store that consults the fallback for the code systems and value sets it (and its overlays) lack. */
  public static TerminologyStore empty(FallbackSource fallback) {
    return new TerminologyStore(null, fallback);
  }

  /** A store for one request's resources in front of this one. */
  public TerminologyStore overlay() {
    return new TerminologyStore(this, FallbackSource.NONE);
  }

  private FallbackSource fallback() {
    return parent == null ? fallback : parent.fallback();
  }

  public TerminologyStore addCodeSystem(CodeSystemRelease release, CodeSystem resource) {
    List<StoredCodeSystem> versions = codeSystems.computeIfAbsent(release.url(), k -> new ArrayList<>());
    versions.removeIf(s -> java.util.Objects.equals(s.release().version(), release.version()));
    versions.add(new StoredCodeSystem(release, resource));
    versions.sort(Comparator.comparing((StoredCodeSystem s) -> s.release().version(), Versions.ORDER).reversed());
    return this;
  }

  public TerminologyStore addSupplement(CodeSystem supplement) {
    addVersioned(supplements, supplement.getUrl(), supplement, CodeSystem::getVersion);
    return this;
  }

  public TerminologyStore addValueSet(ValueSet vs) {
    addVersioned(valueSets, vs.getUrl(), vs, v -> v.getVersion());
    return this;
  }

  public TerminologyStore addConceptMap(ConceptMap cm) {
    // maps are not replaced by url and version: several with the same canonical (a request's tx-resources often
    // have them) each hold their own groups, and $translate consults them all
    addVersioned(conceptMaps, cm.getUrl(), new ConceptMapIndex(cm), i -> i.map().getVersion(), i -> null);
    return this;
  }

  private static <T> void addVersioned(Map<String, List<T>> map, String url, T item, java.util.function.Function<T, String> version) {
    addVersioned(map, url, item, version, version);
  }

  /** identity: what makes two items the same resource, so that the later one replaces the earlier (null: never). */
  private static <T> void addVersioned(Map<String, List<T>> map, String url, T item, java.util.function.Function<T, String> version,
      java.util.function.Function<T, String> identity) {
    List<T> versions = map.computeIfAbsent(url, k -> new ArrayList<>());
    String id = identity.apply(item);
    versions.removeIf(v -> id != null && id.equals(identity.apply(v)));
    versions.add(item);
    versions.sort(Comparator.comparing(version, Versions.ORDER).reversed());
  }

  /** The canonical URI for a system given by URI or by its registered OID. */
  public static String canonicalSystem(String system) {
    return system == null ? null : SYSTEM_ALIASES.getOrDefault(system, system);
  }

  /** Every version of a code system, newest first; this store's before its parent's. */
  public List<StoredCodeSystem> codeSystemVersions(String url) {
    String canonical = canonicalSystem(url);
    List<StoredCodeSystem> found = ownVersions(canonical);
    return found.isEmpty() ? fallback().codeSystemVersions(canonical) : found;
  }

  /** The versions this store and its parents define, without the fallback. */
  private List<StoredCodeSystem> ownVersions(String canonical) {
    return versions(canonical, codeSystems, p -> p.ownVersions(canonical), s -> s.release().version());
  }

  /** Every version of a supplement, newest first; this store's before its parent's. */
  public List<CodeSystem> supplementVersions(String url) {
    return versions(url, supplements, p -> p.supplementVersions(url), CodeSystem::getVersion);
  }

  /**
   * This store with the supplements folded into every authored version of the code systems they supplement (a
   * supplement's {@code supplements} may pin one version); for one request, so the loaded content never changes.
   */
  public TerminologyStore withSupplements(List<CodeSystem> toApply) {
    if (toApply.isEmpty()) {
      return this;
    }
    Map<StoredCodeSystem, List<CodeSystem>> byBase = new LinkedHashMap<>();
    for (CodeSystem supplement : toApply) {
      Canonical base = Canonical.parse(supplement.getSupplements());
      for (StoredCodeSystem s : codeSystemVersions(base == null ? null : base.url())) {
        if (s.resource() != null
            && (base == null || base.version() == null || base.version().equals(s.release().version()))) {
          byBase.computeIfAbsent(s, k -> new ArrayList<>()).add(supplement);
        }
      }
    }
    TerminologyStore overlay = overlay();
    byBase.forEach((s, supps) -> {
      CodeSystem merged = SupplementMerger.merge(s.resource(), supps);
      overlay.addCodeSystem(CodeSystemIndexer.toRelease(merged), merged);
    });
    return overlay;
  }

  public List<ValueSet> valueSetVersions(String url) {
    List<ValueSet> found = ownValueSetVersions(url);
    return found.isEmpty() ? fallback().valueSetVersions(url) : found;
  }

  private List<ValueSet> ownValueSetVersions(String url) {
    return versions(url, valueSets, p -> p.ownValueSetVersions(url), ValueSet::getVersion);
  }

  public List<ConceptMapIndex> conceptMapVersions(String url) {
    return versions(url, conceptMaps, p -> p.conceptMapVersions(url), i -> i.map().getVersion());
  }

  private <T> List<T> versions(String url, Map<String, List<T>> own, java.util.function.Function<TerminologyStore, List<T>> fromParent,
      java.util.function.Function<T, String> version) {
    List<T> result = new ArrayList<>(own.getOrDefault(url, List.of()));
    if (parent != null) {
      for (T t : fromParent.apply(parent)) {
        if (result.stream().noneMatch(r -> java.util.Objects.equals(version.apply(r), version.apply(t)))) {
          result.add(t);
        }
      }
    }
    return result;
  }

  public List<StoredCodeSystem> codeSystems() {
    return collect(codeSystems.values(), parent == null ? List.of() : parent.codeSystems());
  }

  public List<ValueSet> valueSets() {
    return collect(valueSets.values(), parent == null ? List.of() : parent.valueSets());
  }

  public List<ConceptMapIndex> conceptMaps() {
    return collect(conceptMaps.values(), parent == null ? List.of() : parent.conceptMaps());
  }

  /** Resources by logical id, for read and instance-level operations. */
  public java.util.Optional<StoredCodeSystem> codeSystemById(String id) {
    return codeSystems().stream().filter(s -> id.equals(s.id())).findFirst();
  }

  public java.util.Optional<ValueSet> valueSetById(String id) {
    return valueSets().stream().filter(v -> id.equals(v.getIdElement().getIdPart())).findFirst();
  }

  public java.util.Optional<ConceptMapIndex> conceptMapById(String id) {
    return conceptMaps().stream().filter(m -> id.equals(m.map().getIdElement().getIdPart())).findFirst();
  }

  private static <T> List<T> collect(Collection<List<T>> own, List<T> inherited) {
    List<T> all = new ArrayList<>();
    own.forEach(all::addAll);
    all.addAll(inherited);
    return all;
  }
}
